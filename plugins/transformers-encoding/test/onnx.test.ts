import { describe, expect, it } from 'vitest';
import { Rng, fitTransformer, type Frame, type Params, type Target, type TransformerDefinition } from '@autopipe/core';
import { transformerParity } from '@autopipe/onnx';
import { encodeFrequency, encodeOrdinal, encodeTarget } from '../src/index.js';
import { ctx, frameOf } from './helpers.js';

/** Two categoricals with missing cells; `unseen` adds categories never seen in training. */
function frame(seed: number, n: number, unseen: boolean): Frame {
  const rng = new Rng(seed);
  const cell = (i: number, levels: string[]): string | null => (i % 7 === 3 ? null : unseen && i % 5 === 1 ? `new${i}` : levels[rng.int(levels.length)]);
  return frameOf({
    city: { type: 'high_cardinality', values: Array.from({ length: n }, (_, i) => cell(i, ['oslo', 'lima', 'pune', 'kiev', 'baku', 'rome'])) },
    size: { type: 'categorical', values: Array.from({ length: n }, (_, i) => cell(i + 2, ['S', 'M', 'L'])) },
  });
}

const N = 90;
const targets: Record<string, Target> = {
  binary: { kind: 'classification', classes: ['no', 'yes'], codes: Int32Array.from({ length: N }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0) },
  multiclass: { kind: 'classification', classes: ['a', 'b', 'c'], codes: Int32Array.from({ length: N }, (_, i) => (i * 5) % 3) },
  regression: { kind: 'regression', values: Float64Array.from({ length: N }, (_, i) => Math.sin(i) * 10 + i / 7) },
};

const CASES: [TransformerDefinition, Params, string | null][] = [
  [encodeOrdinal, {}, null],
  [encodeOrdinal, { order: 'lexicographic' }, null],
  [encodeFrequency, {}, null],
  [encodeFrequency, { normalize: false }, null],
  [encodeTarget, {}, 'binary'],
  [encodeTarget, { smoothing: 3 }, 'multiclass'],
  [encodeTarget, {}, 'regression'],
];

describe('transformers-encoding ONNX export matches transform in onnxruntime', () => {
  for (const [def, params, target] of CASES) {
    it(`${def.key} ${JSON.stringify(params)}${target ? ` (${target} target)` : ''}: training rows, unseen categories and missing cells`, async () => {
      const train = frame(1, N, false);
      const fitted = await fitTransformer(def, train, ['city', 'size'], params, target ? { ...ctx, target: targets[target] } : ctx);
      for (const f of [train, frame(2, 40, true)]) {
        const r = await transformerParity(def, fitted, f, 0);
        expect(r.mismatches).toEqual([]);
        expect(Object.keys(r.onnx).length).toBe(fitted.outputs.length);
      }
      if (target === 'multiclass') expect(fitted.outputs.length).toBe(6);
    });
  }
});
