import { describe, expect, it } from 'vitest';
import { fitTransformer } from '@autopipe/core';
import { selectModel, targetRelevance } from '../src/select-model.js';
import { pearson } from '../src/statistics.js';
import { ctx, dropped, frameOf } from './helpers.js';

const x1 = [1, 2, 3, 4, 5, 6, 7, 8];
const x2 = [3, -1, 4, 1, -5, 9, 2, -6];
const x3 = [1, 0, 1, 0, 1, 0, 1, 1];

describe('select.model', () => {
  it('keeps the k columns most correlated with a regression target', async () => {
    const y = Float64Array.from(x1, (v, i) => v + 0.1 * x2[i]);
    const f = frameOf({ x2, x1, x3 });
    const t = await fitTransformer(selectModel, f, ['x2', 'x1', 'x3'], { k: 1 }, { ...ctx, target: { kind: 'regression', values: y } });
    expect(dropped(t)).toEqual(['x2', 'x3']);
    expect(t.transform(f).names).toEqual(['x1']);
  });

  it('scores classification columns by the best one-vs-rest |r| (binary: point-biserial)', () => {
    const codes = Int32Array.from([0, 0, 1, 1, 2, 2, 2, 0]);
    const got = targetRelevance(Float64Array.from(x1), { kind: 'classification', classes: ['a', 'b', 'c'], codes });
    const want = Math.max(...[0, 1, 2].map((c) => Math.abs(pearson(Float64Array.from(x1), Float64Array.from(codes, (v) => (v === c ? 1 : 0))))));
    expect(got).toBe(want);
    const bin = Int32Array.from(x3);
    expect(targetRelevance(Float64Array.from(x3), { kind: 'classification', classes: ['n', 'y'], codes: bin })).toBeCloseTo(1, 12);
  });

  it('keeps every column when no target is given', async () => {
    const f = frameOf({ x1, x2 });
    const t = await fitTransformer(selectModel, f, ['x1', 'x2'], { k: 1 }, ctx);
    expect(dropped(t)).toEqual([]);
  });
});
