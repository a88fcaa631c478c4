import { describe, expect, it } from 'vitest';
import { fitTransformer, type Params, type TransformerDefinition } from '@autopipe/core';
import { transformerParity } from '@autopipe/onnx';
import { selectCorrelation, selectModel, selectVariance } from '../src/index.js';
import { ctx, frameOf } from './helpers.js';

const a = [1, 2, 3, 4, 5, 6, 7, NaN];
const dup = [2, 4, 6, 8, 10, 12, 14, NaN];
const flat = [3, 3, 3, 3, 3, 3, 3, 3];
const b = [3, -1, 4, 1, -5, 9, 2, -6];

const CASES: [TransformerDefinition, Params, number][] = [
  [selectVariance, {}, 3],
  [selectCorrelation, {}, 3],
  [selectModel, { k: 2 }, 2],
];

describe('transformers-selection ONNX export keeps exactly the kept columns, untouched', () => {
  for (const [def, params, kept] of CASES) {
    it(`${def.key}`, async () => {
      const f = frameOf({ a, dup, flat, b });
      const y = { kind: 'regression' as const, values: Float64Array.from(b, (v, i) => v + i) };
      const t = await fitTransformer(def, f, ['a', 'dup', 'flat', 'b'], params, { ...ctx, target: y });
      expect(t.outputs.length).toBe(kept);
      const r = await transformerParity(def, t, f, 0);
      expect(r.mismatches).toEqual([]);
      expect(Object.keys(r.onnx).sort()).toEqual(t.outputs.map((o) => o.name).sort());
    });
  }
});
