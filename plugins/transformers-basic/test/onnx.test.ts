import { describe, expect, it } from 'vitest';
import { Rng, fitTransformer, type Frame, type Params, type TransformerDefinition } from '@autopipe/core';
import { transformerParity } from '@autopipe/onnx';
import {
  clipOutliers, encodeOneHot, imputeCategorical, imputeNumeric, scaleRobust, scaleStandard, transformPower, transformQuantile,
} from '../src/index.js';
import { ctx, frameOf } from './helpers.js';

const CATS = ['red', 'green', 'blue', 'rare1', 'rare2'];

/** Skewed and signed numerics with missing cells, a boolean with missing cells, categoricals with rare levels and nulls. */
function frame(seed: number, n: number, unseen: boolean): Frame {
  const rng = new Rng(seed);
  const pick = (i: number): string | null => {
    if (i % 9 === 4) return null;
    if (unseen && i % 7 === 3) return i % 2 ? 'never-seen' : '__missing__';
    const u = rng.next();
    return u < 0.4 ? 'red' : u < 0.7 ? 'green' : u < 0.95 ? 'blue' : CATS[3 + (i % 2)];
  };
  return frameOf({
    skewed: { type: 'numeric', values: Array.from({ length: n }, (_, i) => (i % 8 === 1 ? null : Math.exp(rng.normal() * 1.5) * (unseen && i % 5 === 0 ? 40 : 1))) },
    signed: { type: 'numeric', values: Array.from({ length: n }, (_, i) => (i % 10 === 2 ? null : rng.normal() * 3 - 1 + (unseen && i % 6 === 0 ? -25 : 0))) },
    flag: { type: 'boolean', values: Array.from({ length: n }, (_, i) => (i % 11 === 5 ? null : rng.int(2))) },
    color: { type: 'categorical', values: Array.from({ length: n }, (_, i) => pick(i)) },
    shade: { type: 'categorical', values: Array.from({ length: n }, (_, i) => (i % 6 === 0 ? null : `s${rng.int(3)}`)) },
  });
}

const NUMERIC = ['skewed', 'signed'];
const CASES: [TransformerDefinition, readonly string[], Params, number][] = [
  [imputeNumeric, [...NUMERIC, 'flag'], {}, 0],
  [imputeNumeric, [...NUMERIC, 'flag'], { strategy: 'mean', add_indicator: false }, 0],
  [imputeCategorical, ['color', 'shade'], {}, 0],
  [imputeCategorical, ['color'], { strategy: 'constant', fill_value: 'none' }, 0],
  [encodeOneHot, ['color', 'shade'], {}, 0],
  [encodeOneHot, ['color'], { min_frequency: 1, max_categories: 2 }, 0],
  [scaleStandard, [...NUMERIC, 'flag'], {}, 1e-15],
  [scaleRobust, NUMERIC, {}, 1e-15],
  [clipOutliers, NUMERIC, {}, 0],
  [clipOutliers, NUMERIC, { method: 'iqr' }, 0],
  [transformPower, NUMERIC, {}, 1e-12],
  [transformPower, NUMERIC, { standardize: false }, 1e-12],
  [transformQuantile, NUMERIC, { n_quantiles: 50 }, 1e-12],
  [transformQuantile, NUMERIC, { n_quantiles: 30, output_distribution: 'normal' }, 1e-12],
];

describe('transformers-basic ONNX export matches transform in onnxruntime', () => {
  for (const [def, columns, params, tol] of CASES) {
    it(`${def.key} ${JSON.stringify(params)}: training rows and new rows (unseen categories, missing cells, out-of-range values)`, async () => {
      const train = frame(1, 120, false);
      const fitted = await fitTransformer(def, train, columns, params, ctx);
      for (const f of [train, frame(2, 60, true)]) {
        const r = await transformerParity(def, fitted, f, tol);
        expect(r.mismatches).toEqual([]);
        expect(r.maxAbsDiff).toBeLessThanOrEqual(tol);
        expect(Object.keys(r.onnx).length).toBe(fitted.outputs.length);
      }
    });
  }

  it('the one-hot export sends "" (missing), "__missing__", unseen and rare strings where transform does', async () => {
    const fitted = await fitTransformer(encodeOneHot, frame(1, 120, false), ['color'], {}, ctx);
    const probe = frameOf({ color: { type: 'categorical', values: ['red', null, '__missing__', 'never-seen', 'rare1', '__other__'] } });
    const r = await transformerParity(encodeOneHot, fitted, probe);
    expect(r.mismatches).toEqual([]);
    expect(Array.from(r.onnx['color=__missing__'] as Float64Array)).toEqual([0, 1, 1, 0, 0, 0]);
    expect(Array.from(r.onnx['color=__other__'] as Float64Array)).toEqual([0, 0, 0, 1, 1, 1]);
  });
});
