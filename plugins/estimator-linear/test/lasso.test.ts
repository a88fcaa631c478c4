import { describe, expect, it } from 'vitest';
import { AutopipeError, Rng, createMatrix, defaultContext, fitEstimator, type FittedModel, type Matrix, type RegressionTarget } from '@autopipe/core';
import { elasticNet } from '../src/elastic-net.js';
import { lasso } from '../src/lasso.js';
import { ridge } from '../src/ridge.js';

const ctx = defaultContext(1);
const reg = (v: ArrayLike<number>): RegressionTarget => ({ kind: 'regression', values: Float64Array.from(v) });
const fieldsOf = (m: FittedModel) => m.state() as unknown as { coef: Float64Array; intercept: number };
function values(m: FittedModel, x: Matrix): Float64Array {
  const p = m.predict(x);
  if (p.kind !== 'regression') throw new Error('expected values');
  return p.values;
}

/*
 * Reference fixture and values from scikit-learn 1.2.1:
 *   rng = np.random.RandomState(0)
 *   X = np.round(rng.normal(size=(12, 4)), 1)
 *   y = np.round(X @ np.array([1.5, 0.0, -2.0, 0.3]) + 0.5 + rng.normal(scale=0.3, size=12), 1)
 *   Lasso(alpha=a, tol=1e-12, max_iter=100000).fit(X, y).coef_, .intercept_
 *   ElasticNet(alpha=a, l1_ratio=r, tol=1e-12, max_iter=100000).fit(X, y)
 *   Lasso(alpha=0.1, fit_intercept=False, tol=1e-12, max_iter=100000).fit(X, y)
 */
const refX = createMatrix(12, ['a', 'b', 'c', 'd'], Float64Array.from([
  1.8, 1.9, -0.1, 0.8, 1.5, -2.6, 2.3, 1.5, -0.9, 1.2, -1.0, -0.5,
  0.4, -1.0, 0.4, 0.1, -0.2, 0.7, -1.5, 1.5, -2.0, 1.2, -1.4, -0.4,
  1.0, 1.0, 0.1, 0.4, 0.3, 0.9, 0.0, 0.2, -0.3, -0.4, -1.7, -1.3,
  2.2, -0.2, 1.5, 0.3, -0.9, -0.7, -0.2, 0.4, 0.2, -0.3, 2.0, 0.8,
]));
const refY = reg([1.4, 1.2, 0.3, 1.1, 1.7, -5.8, 3.9, 2.6, -0.2, 3.1, 2.8, 2.5]);

function expectCoef(m: FittedModel, coef: number[], intercept: number, tol = 1e-6): void {
  const s = fieldsOf(m);
  for (let j = 0; j < coef.length; j++) expect(Math.abs(s.coef[j] - coef[j])).toBeLessThan(tol);
  expect(Math.abs(s.intercept - intercept)).toBeLessThan(tol);
}

describe('lasso and elastic_net against scikit-learn', () => {
  it('matches Lasso coefficients, including exact zeros', async () => {
    const m1 = await fitEstimator(lasso, refX, refY, { alpha: 0.1, tol: 1e-12, max_iter: 100000 }, ctx);
    expectCoef(m1, [1.48197195, 0, -1.96306634, 0.12775953], 0.46645043222667115);
    const m5 = await fitEstimator(lasso, refX, refY, { alpha: 0.5, tol: 1e-12, max_iter: 100000 }, ctx);
    expectCoef(m5, [1.14635116, 0, -1.21813987, 0], 0.6733463460344831);
    expect(fieldsOf(m5).coef[1]).toBe(0);
    expect(fieldsOf(m5).coef[3]).toBe(0);
    const m0 = await fitEstimator(lasso, refX, refY, { alpha: 0.1, fit_intercept: false, tol: 1e-12, max_iter: 100000 }, ctx);
    expectCoef(m0, [1.56920569, 0, -1.93748902, 0.30099493], 0);
  });

  it('matches ElasticNet coefficients', async () => {
    const a = await fitEstimator(elasticNet, refX, refY, { alpha: 0.1, l1_ratio: 0.5, tol: 1e-12, max_iter: 100000 }, ctx);
    expectCoef(a, [1.45496361, 0, -1.8572406, 0.19577183], 0.4490605405697743);
    const b = await fitEstimator(elasticNet, refX, refY, { alpha: 0.3, l1_ratio: 0.2, tol: 1e-12, max_iter: 100000 }, ctx);
    expectCoef(b, [1.25125965, -0.07911387, -1.331395, 0.24718615], 0.5040956020878785);
  });

  it('stops where scikit-learn stops at the default tol = 1e-4 (same sweeps, same duality-gap test)', async () => {
    // Lasso(alpha=0.1).fit(X, y) and ElasticNet(alpha=0.1).fit(X, y): both stop after n_iter_ = 6 sweeps.
    const m = await fitEstimator(lasso, refX, refY, { alpha: 0.1 }, ctx);
    expectCoef(m, [1.481952063722, 0, -1.963048613871, 0.127762195944], 0.46645877895824717, 1e-9);
    const e = await fitEstimator(elasticNet, refX, refY, { alpha: 0.1 }, ctx);
    expectCoef(e, [1.45494783455, 0, -1.857227903205, 0.195773492864], 0.4490673785991278, 1e-9);
    // …which is within 1e-4 of the tightly converged solution.
    expectCoef(m, [1.48197195, 0, -1.96306634, 0.12775953], 0.46645043222667115, 1e-4);
  });
});

describe('lasso known answers', () => {
  it('equals least squares (ridge with alpha 0) as alpha → 0', async () => {
    const ls = fieldsOf(await fitEstimator(ridge, refX, refY, { alpha: 0 }, ctx));
    for (const def of [lasso, elasticNet]) {
      const s = fieldsOf(await fitEstimator(def, refX, refY, { alpha: 0, tol: 1e-14, max_iter: 100000 }, ctx));
      for (let j = 0; j < 4; j++) expect(s.coef[j]).toBeCloseTo(ls.coef[j], 8);
      expect(s.intercept).toBeCloseTo(ls.intercept, 8);
    }
  });

  it('zeroes every coefficient exactly from alpha_max = max|Xcᵀ(y − ȳ)| / n, and not just below it', async () => {
    const n = refX.rows;
    const ybar = refY.values.reduce((a, b) => a + b, 0) / n;
    let amax = 0;
    for (let j = 0; j < 4; j++) {
      let mu = 0;
      for (let i = 0; i < n; i++) mu += refX.data[j * n + i];
      mu /= n;
      let s = 0;
      for (let i = 0; i < n; i++) s += (refX.data[j * n + i] - mu) * (refY.values[i] - ybar);
      amax = Math.max(amax, Math.abs(s) / n);
    }
    const above = fieldsOf(await fitEstimator(lasso, refX, refY, { alpha: amax * (1 + 1e-9) }, ctx));
    expect(Array.from(above.coef)).toEqual([0, 0, 0, 0]);
    expect(above.intercept).toBeCloseTo(ybar, 14);
    const below = fieldsOf(await fitEstimator(lasso, refX, refY, { alpha: amax * 0.99 }, ctx));
    expect(below.coef.filter((w) => w !== 0).length).toBe(1);
    // For the elastic net the L1 part is alpha·l1_ratio, so the threshold moves to alpha_max / l1_ratio.
    const en = fieldsOf(await fitEstimator(elasticNet, refX, refY, { alpha: (amax / 0.25) * (1 + 1e-9), l1_ratio: 0.25 }, ctx));
    expect(Array.from(en.coef)).toEqual([0, 0, 0, 0]);
    const en2 = fieldsOf(await fitEstimator(elasticNet, refX, refY, { alpha: (amax / 0.25) * 0.99, l1_ratio: 0.25 }, ctx));
    expect(en2.coef.some((w) => w !== 0)).toBe(true);
  });

  it('recovers the 3 informative features out of 20', async () => {
    const rng = new Rng(3);
    const n = 200;
    const p = 20;
    const data = new Float64Array(n * p).map(() => rng.normal());
    const truth = new Map([[2, 3], [7, -2], [15, 1.5]]);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = 4 + 0.1 * rng.normal();
      for (const [j, w] of truth) y[i] += w * data[j * n + i];
    }
    const x = createMatrix(n, Array.from({ length: p }, (_, j) => `x${j}`), data);
    const m = await fitEstimator(lasso, x, reg(y), { alpha: 0.1 }, ctx);
    const s = fieldsOf(m);
    const support = [...s.coef.keys()].filter((j) => s.coef[j] !== 0);
    expect(support).toEqual([2, 7, 15]);
    // Shrinkage: each kept coefficient is pulled towards 0 by about alpha (orthonormal-design intuition).
    for (const [j, w] of truth) expect(Math.abs(s.coef[j] - (w - Math.sign(w) * 0.1))).toBeLessThan(0.05);
    expect(s.intercept).toBeCloseTo(4, 1);
    const imp = m.importances!();
    for (let j = 0; j < p; j++) expect(imp[j]).toBe(Math.abs(s.coef[j]));
  });

  it('handles constant columns, a constant target, and large column offsets', async () => {
    const x = createMatrix(4, ['x', 'k'], Float64Array.from([1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4, 5, 5, 5, 5]));
    const s = fieldsOf(await fitEstimator(lasso, x, reg([2, 4, 6, 8]), { alpha: 0, tol: 1e-12 }, ctx));
    expect(s.coef[0]).toBeCloseTo(2, 6);
    expect(s.coef[1]).toBe(0);
    const c = fieldsOf(await fitEstimator(elasticNet, x, reg([3, 3, 3, 3]), {}, ctx));
    expect(Array.from(c.coef)).toEqual([0, 0]);
    expect(c.intercept).toBe(3);
  });

  it('round-trips its state and predicts intercept + x·coef', async () => {
    const m = await fitEstimator(elasticNet, refX, refY, {}, ctx);
    const s = fieldsOf(m);
    const p = values(m, refX);
    for (let i = 0; i < 12; i++) {
      let v = s.intercept;
      for (let j = 0; j < 4; j++) v += s.coef[j] * refX.data[j * 12 + i];
      expect(p[i]).toBeCloseTo(v, 12);
    }
    expect(values(elasticNet.restore(m.state()), refX)).toEqual(p);
  });
});

describe('lasso errors', () => {
  it('rejects bad hyperparameters, wrong column counts and foreign state', async () => {
    for (const bad of [{ alpha: -1 }, { max_iter: 0 }, { max_iter: 1.5 }, { tol: 0 }]) {
      const err = await fitEstimator(lasso, refX, refY, bad, ctx).catch((e: unknown) => e);
      expect((err as AutopipeError).code).toBe('INVALID_PARAMS');
    }
    for (const l1_ratio of [-0.1, 1.5]) {
      const err = await fitEstimator(elasticNet, refX, refY, { l1_ratio }, ctx).catch((e: unknown) => e);
      expect((err as AutopipeError).code).toBe('INVALID_PARAMS');
      expect((err as AutopipeError).message).toMatch(/l1_ratio/);
    }
    const m = await fitEstimator(lasso, refX, refY, {}, ctx);
    expect(() => m.predict(createMatrix(1, ['a']))).toThrow(expect.objectContaining({ code: 'SCHEMA_MISMATCH' }));
    expect(() => lasso.restore({ cols: 2, coef: new Float64Array(1), intercept: 0 })).toThrow(expect.objectContaining({ code: 'MODEL_INCOMPATIBLE' }));
  });

  it('stops at the budget with zero coefficients and logs why, and logs non-convergence at max_iter', async () => {
    const ac = new AbortController();
    ac.abort();
    const lines: string[] = [];
    const logger = { debug: (msg: string) => lines.push(msg), info() {}, warn() {} };
    const m = await fitEstimator(lasso, refX, refY, {}, { seed: 0, signal: ac.signal, logger });
    expect(Array.from(fieldsOf(m).coef)).toEqual([0, 0, 0, 0]);
    expect(lines[0]).toMatch(/stopped before converging \(stopped\)/);
    await fitEstimator(lasso, refX, refY, { alpha: 1e-3, max_iter: 1, tol: 1e-12 }, { seed: 0, logger });
    expect(lines[1]).toMatch(/max_iter/);
  });
});
