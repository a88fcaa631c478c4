import { describe, expect, it } from 'vitest';
import { AutopipeError, Rng, createMatrix, defaultContext, fitEstimator, type FittedModel, type Matrix, type RegressionTarget } from '@autopipe/core';
import { ridge } from '../src/ridge.js';

const ctx = defaultContext(1);
const reg = (v: number[]): RegressionTarget => ({ kind: 'regression', values: Float64Array.from(v) });
const fieldsOf = (m: FittedModel) => m.state() as unknown as { coef: Float64Array; intercept: number };
function values(m: FittedModel, x: Matrix): Float64Array {
  const p = m.predict(x);
  if (p.kind !== 'regression') throw new Error('expected values');
  return p.values;
}

// x = [1,2,3], y = [1,2,2]: centered xc = [−1,0,1], yc = [−2/3,1/3,1/3]; Σxc·yc = 1, Σxc² = 2.
const x3 = createMatrix(3, ['x'], Float64Array.from([1, 2, 3]));
const y3 = reg([1, 2, 2]);

describe('ridge', () => {
  it('solves the 3×1 problem by hand: w = 1/(2 + alpha), b = 5/3 − 2w', async () => {
    for (const alpha of [1, 0.5, 10]) {
      const m = await fitEstimator(ridge, x3, y3, { alpha }, ctx);
      const w = 1 / (2 + alpha);
      expect(fieldsOf(m).coef[0]).toBeCloseTo(w, 14);
      expect(fieldsOf(m).intercept).toBeCloseTo(5 / 3 - 2 * w, 14);
    }
    const p = values(await fitEstimator(ridge, x3, y3, {}, ctx), x3);
    expect(Array.from(p).map((v) => +v.toFixed(12))).toEqual([+(4 / 3).toFixed(12), +(5 / 3).toFixed(12), 2]);
  });

  it('without an intercept solves w = Σxy / (Σx² + alpha) = 11 / 15', async () => {
    const m = await fitEstimator(ridge, x3, y3, { fit_intercept: false }, ctx);
    expect(fieldsOf(m).coef[0]).toBeCloseTo(11 / 15, 14);
    expect(fieldsOf(m).intercept).toBe(0);
  });

  it('is exact least squares at alpha = 0 and shrinks towards the mean as alpha grows', async () => {
    const y = reg([3, 5, 7]);
    const m = await fitEstimator(ridge, x3, y, { alpha: 0 }, ctx);
    expect(fieldsOf(m).coef[0]).toBeCloseTo(2, 12);
    expect(fieldsOf(m).intercept).toBeCloseTo(1, 12);
    const big = values(await fitEstimator(ridge, x3, y, { alpha: 1e12 }, ctx), x3);
    for (const v of big) expect(v).toBeCloseTo(5, 9);
  });

  it('centers before forming the Gram matrix, so a huge offset in x does not lose precision', async () => {
    const x = createMatrix(3, ['x'], Float64Array.from([1e9 + 1, 1e9 + 2, 1e9 + 3]));
    expect(fieldsOf(await fitEstimator(ridge, x, y3, {}, ctx)).coef[0]).toBeCloseTo(1 / 3, 10);
  });

  it('splits the weight of duplicated columns, and survives alpha = 0 with them', async () => {
    // G = [[2,2],[2,2]], b = [1,1]: (G + αI)w = b gives w1 = w2 = 1/(4 + α).
    const x = createMatrix(3, ['x', 'x_copy'], Float64Array.from([1, 2, 3, 1, 2, 3]));
    const s = fieldsOf(await fitEstimator(ridge, x, y3, { alpha: 1 }, ctx));
    expect(s.coef[0]).toBeCloseTo(0.2, 14);
    expect(s.coef[1]).toBeCloseTo(0.2, 14);
    const m0 = await fitEstimator(ridge, x, y3, { alpha: 0 }, ctx);
    // The minimum-norm least-squares solution; the near-null direction w1 − w2 is only determined to rounding.
    expect(fieldsOf(m0).coef[0] + fieldsOf(m0).coef[1]).toBeCloseTo(0.5, 8);
    expect(Math.abs(fieldsOf(m0).coef[0] - 0.25)).toBeLessThan(1e-5);
    expect(Math.abs(fieldsOf(m0).coef[1] - 0.25)).toBeLessThan(1e-5);
    const p = values(m0, x);
    expect(p[2] - p[0]).toBeCloseTo(1, 6); // least-squares slope 1/2 per unit of x
  });

  it('gives constant columns a zero coefficient, even at alpha = 0', async () => {
    const x = createMatrix(3, ['x', 'k'], Float64Array.from([1, 2, 3, 7, 7, 7]));
    for (const alpha of [0, 1]) {
      const s = fieldsOf(await fitEstimator(ridge, x, y3, { alpha }, ctx));
      expect(s.coef[1]).toBe(0);
      expect(s.coef[0]).toBeCloseTo(1 / (2 + alpha), 8);
    }
  });

  it('satisfies Xcᵀ(y − ŷ) = alpha·w and Σ(y − ŷ) = 0 on random data', async () => {
    const rng = new Rng(2);
    const n = 5000;
    const p = 7;
    const data = new Float64Array(n * p).map(() => rng.normal() * 3 + 1);
    const y = reg(Array.from({ length: n }, (_, i) => 2 + data[i] - 3 * data[2 * n + i] + rng.normal()));
    const x = createMatrix(n, Array.from({ length: p }, (_, j) => `x${j}`), data);
    const alpha = 50;
    const m = await fitEstimator(ridge, x, y, { alpha }, ctx);
    const pred = values(m, x);
    const w = fieldsOf(m).coef;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += y.values[i] - pred[i];
    expect(Math.abs(sum)).toBeLessThan(1e-8);
    for (let j = 0; j < p; j++) {
      let g = 0;
      for (let i = 0; i < n; i++) g += data[j * n + i] * (y.values[i] - pred[i]);
      expect(g).toBeCloseTo(alpha * w[j], 6);
    }
    expect(w[0]).toBeCloseTo(1, 1);
    expect(w[2]).toBeCloseTo(-3, 1);
    const imp = m.importances!();
    for (let j = 0; j < p; j++) expect(imp[j]).toBe(Math.abs(w[j]));
  });

  it('rejects negative alpha, wrong column counts and foreign state', async () => {
    const err = await fitEstimator(ridge, x3, y3, { alpha: -1 }, ctx).catch((e: unknown) => e);
    expect((err as AutopipeError).code).toBe('INVALID_PARAMS');
    const m = await fitEstimator(ridge, x3, y3, {}, ctx);
    expect(() => m.predict(createMatrix(1, ['a', 'b']))).toThrow(expect.objectContaining({ code: 'SCHEMA_MISMATCH' }));
    expect(() => ridge.restore({ cols: 1 })).toThrow(expect.objectContaining({ code: 'MODEL_INCOMPATIBLE' }));
  });
});
