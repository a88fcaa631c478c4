import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, Rng, takeRows } from '@autopipe/core';
import { gbm } from '../src/gbm.js';
import { fit, fitRaw, matrix, regression, rmse, uniform } from './helpers.js';

function values(p: ReturnType<Awaited<ReturnType<typeof fit>>['predict']>): Float64Array {
  if (p.kind !== 'regression') throw new Error('expected regression');
  return p.values;
}

describe('gbm regression', () => {
  it('drives training error of a noiseless additive function near zero', async () => {
    const rng = new Rng(1);
    const n = 4000;
    // 50 levels of x0 and a 0/1 step fit the bins exactly, so only boosting's own error remains.
    const x0 = Float64Array.from({ length: n }, () => rng.int(50) / 50);
    const x1 = Float64Array.from({ length: n }, () => rng.int(2));
    const x2 = uniform(n, rng); // noise feature
    const y = x0.map((v, i) => v + 2 * x1[i]);
    const x = matrix([x0, x1, x2]);
    const m = await fit(x, regression(y), { n_estimators: 300, early_stopping: 'false', min_samples_leaf: 5 });
    // std(y) is about 1.04.
    expect(rmse(values(m.predict(x)), y)).toBeLessThan(1e-3);
    const few = await fit(x, regression(y), { n_estimators: 3, early_stopping: 'false' });
    expect(rmse(values(few.predict(x)), y)).toBeGreaterThan(0.5);
    const imp = m.importances!();
    expect(imp[0] + imp[1] + imp[2]).toBeCloseTo(1, 12);
    expect(imp[2]).toBeLessThan(0.01);
  });

  it('with learning_rate 0 predicts the training mean everywhere', async () => {
    const rng = new Rng(2);
    const x0 = uniform(200, rng);
    const y = x0.map((v) => 3 * v + 1);
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    const m = await fit(matrix([x0]), regression(y), { learning_rate: 0, n_estimators: 5, early_stopping: 'false' });
    for (const v of values(m.predict(matrix([x0])))) expect(v).toBeCloseTo(mean, 12);
  });

  it('absolute and huber losses resist an outlier that drags squared loss', async () => {
    const rng = new Rng(3);
    const n = 1000;
    const x0 = uniform(n, rng);
    const clean = x0.map((v) => 2 * v);
    const y = clean.slice();
    y[17] = 1e6;
    const x = matrix([x0]);
    const err = async (loss: string): Promise<number> => {
      const p = values((await fit(x, regression(y), { loss, n_estimators: 100, early_stopping: 'false' })).predict(x));
      let worst = 0;
      for (let i = 0; i < n; i++) if (i !== 17) worst = Math.max(worst, Math.abs(p[i] - clean[i]));
      return worst;
    };
    expect(await err('squared')).toBeGreaterThan(1000);
    expect(await err('absolute')).toBeLessThan(0.2);
    expect(await err('huber')).toBeLessThan(0.2);
  });

  it('the absolute loss starts from the median', async () => {
    const y = Float64Array.of(1, 2, 3, 100, 1000, 4, 5);
    const x = matrix([new Float64Array(7)]);
    const m = await fit(x, regression(y), { loss: 'absolute', n_estimators: 1, early_stopping: 'false' });
    for (const v of values(m.predict(x))) expect(v).toBe(4);
  });

  it('sends missing values to the side learned in training', async () => {
    const rng = new Rng(4);
    const n = 1000;
    const x0 = uniform(n, rng);
    const y = x0.slice();
    for (let i = 0; i < n; i += 5) {
      x0[i] = NaN;
      y[i] = 10;
    }
    const m = await fit(matrix([x0]), regression(y), { early_stopping: 'false' });
    const p = values(m.predict(matrix([Float64Array.of(NaN, 0.05, 0.95)])));
    expect(p[0]).toBeGreaterThan(9.5);
    expect(p[1]).toBeLessThan(0.3);
    expect(p[2]).toBeGreaterThan(0.7);
    expect(p[2]).toBeLessThan(1.3);
  });

  it('sends values missing only at prediction time to the larger child', async () => {
    const rng = new Rng(5);
    const x0 = uniform(1000, rng);
    const nan = matrix([Float64Array.of(NaN)]);
    // Larger child on the right, then on the left.
    const right = await fit(matrix([x0]), regression(x0.map((v) => (v < 0.2 ? 0 : 1))), { early_stopping: 'false', max_leaves: 2 });
    expect(values(right.predict(nan))[0]).toBeGreaterThan(0.99);
    const left = await fit(matrix([x0]), regression(x0.map((v) => (v < 0.8 ? 0 : 1))), { early_stopping: 'false', max_leaves: 2 });
    expect(values(left.predict(nan))[0]).toBeLessThan(0.01);
  });

  it('respects max_leaves, max_depth and min_samples_leaf', () => {
    const rng = new Rng(6);
    const n = 500;
    const cols = [uniform(n, rng), uniform(n, rng), uniform(n, rng)];
    const y = cols[0].map((v, i) => Math.sin(6 * v) + cols[1][i] * cols[2][i]);
    const leavesPerTree = (params: object): number[] => {
      const s = fitRaw(matrix(cols), regression(y), { n_estimators: 10, early_stopping: 'false', ...params }).state() as Record<string, Int32Array>;
      const roots = [...s.roots, s.feature.length];
      return roots.slice(0, -1).map((r, t) => s.feature.subarray(r, roots[t + 1]).filter((f) => f < 0).length);
    };
    for (const l of leavesPerTree({ max_leaves: 7 })) expect(l).toBe(7);
    for (const l of leavesPerTree({ max_leaves: 64, max_depth: 2 })) expect(l).toBeLessThanOrEqual(4);
    for (const l of leavesPerTree({ max_leaves: 64, min_samples_leaf: 200 })) expect(l).toBeLessThanOrEqual(2);
  });

  it('subsampling and column sampling are seeded: same seed same model, and restore predicts bit-identically', async () => {
    const rng = new Rng(7);
    const n = 600;
    const cols = [uniform(n, rng), uniform(n, rng), uniform(n, rng), uniform(n, rng)];
    cols[1][3] = NaN;
    const y = cols[0].map((v, i) => v * 3 + cols[1][i] - cols[3][i]);
    const x = matrix(cols);
    const params = { subsample: 0.7, colsample: 0.5, n_estimators: 30, early_stopping: 'false' };
    const a = await fit(x, regression(y), params);
    const b = await fit(x, regression(y), params);
    expect(values(b.predict(x))).toEqual(values(a.predict(x)));
    const restored = gbm.restore(decodeState(encodeState(a.state())));
    expect(values(restored.predict(x))).toEqual(values(a.predict(x)));
    const sub = takeRows(x, [9, 2, 2, 0]);
    expect(values(restored.predict(sub))).toEqual(values(a.predict(sub)));
  });
});
