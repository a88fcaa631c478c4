import { describe, expect, it } from 'vitest';
import { createMatrix, defaultContext, fitEstimator, type FittedModel } from '@autopipe/core';
import { enetCoordinateDescent } from '../src/coordinate-descent.js';
import { elasticNet } from '../src/elastic-net.js';
import { lasso } from '../src/lasso.js';

/*
 * Correlated columns and a target in the 1e5 range (like california housing's rooms/households/population and
 * house values), where coordinate descent needs many sweeps. Built from exact rational arithmetic so that
 * scikit-learn 1.2.1 sees the same doubles:
 *   for i in range(200):
 *       a = ((i*37) % 101)/50 - 1;  b = ((i*53) % 97)/48 - 1
 *       c = a + b + ((i*17) % 13 - 6)/600;  d = a - ((i*29) % 31 - 15)/300      # corr(a, d) = 0.9987
 *       y = 2e5 + 1e5*(1.5*a - 1.0*b + 0.8*c + 0.3*d) + 3e3*((i*11) % 23 - 11)
 */
const n = 200;
const data = new Float64Array(4 * n);
const y = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const a = ((i * 37) % 101) / 50 - 1;
  const b = ((i * 53) % 97) / 48 - 1;
  const c = a + b + (((i * 17) % 13) - 6) / 600;
  const d = a - (((i * 29) % 31) - 15) / 300;
  data[i] = a;
  data[n + i] = b;
  data[2 * n + i] = c;
  data[3 * n + i] = d;
  y[i] = 2e5 + 1e5 * (1.5 * a - 1.0 * b + 0.8 * c + 0.3 * d) + 3e3 * (((i * 11) % 23) - 11);
}
const x = createMatrix(n, ['a', 'b', 'c', 'd'], data);
const yMean = y.reduce((s, v) => s + v, 0) / n;
const yNorm2 = y.reduce((s, v) => s + (v - yMean) ** 2, 0);
const target = { kind: 'regression' as const, values: y };
const ctx = defaultContext(1);

/** Max |coef − ref| relative to max |ref|, and the intercept's error relative to |ref intercept|. */
function relErr(m: FittedModel, coef: number[], intercept: number): number {
  const s = m.state() as unknown as { coef: Float64Array; intercept: number };
  const scale = Math.max(...coef.map(Math.abs));
  let e = Math.abs(s.intercept - intercept) / Math.abs(intercept);
  for (let j = 0; j < coef.length; j++) e = Math.max(e, Math.abs(s.coef[j] - coef[j]) / scale);
  return e;
}

describe('lasso and elastic_net on correlated columns with a target in the 1e5 range', () => {
  it('converge to scikit-learn\'s optimum when given the sweeps (Lasso(alpha=0.01, tol=1e-12): n_iter_ = 330892)', async () => {
    const m = await fitEstimator(lasso, x, target, { alpha: 0.01, tol: 1e-12, max_iter: 1_000_000 }, ctx);
    expect(relErr(m, [68688.13241255101, -235663.92762995182, 215626.28850974733, -25145.980554810343], 200248.73490882036)).toBeLessThan(1e-7);
    const e = await fitEstimator(elasticNet, x, target, { alpha: 0.01, l1_ratio: 0.5, tol: 1e-12, max_iter: 1_000_000 }, ctx);
    expect(relErr(e, [115022.77003377449, -67772.22352181943, 48747.54058217416, 93690.08289460336], 200275.8005140864)).toBeLessThan(1e-7);
  });

  it('reach scikit-learn\'s iterate after the same sweeps at the default tol = 1e-4', async () => {
    // Lasso(alpha=0.01) stops at max_iter = 1000 far from the optimum; ElasticNet(alpha=0.01) converges in 622.
    const m = await fitEstimator(lasso, x, target, { alpha: 0.01 }, ctx);
    expect(relErr(m, [276040.7212192022, -32237.267945632564, 12246.949986739935, -29107.508178971966], 200243.28329147206)).toBeLessThan(1e-8);
    const e = await fitEstimator(elasticNet, x, target, { alpha: 0.01, l1_ratio: 0.5 }, ctx);
    expect(relErr(e, [115022.75633297728, -67772.190619685, 48747.50752533044, 93690.12887942267], 200275.8005211774)).toBeLessThan(1e-8);
    const sparse = await fitEstimator(lasso, x, target, { alpha: 100 }, ctx);
    expect(relErr(sparse, [258873.11420545555, -19714.98236766621, 0, 0], 200250.7408974677)).toBeLessThan(1e-8);
    const s = sparse.state() as unknown as { coef: Float64Array };
    expect([s.coef[2], s.coef[3]]).toEqual([0, 0]);
  });

  it('takes the same number of sweeps on the residual and the Gram form, and the same coefficients', () => {
    for (const [alpha, l1Ratio, sweeps] of [[0.01, 1, 1000], [0.01, 0.5, 622], [100, 1, 18]] as const) {
      const opts = { alpha, l1Ratio, fitIntercept: true, maxIter: 1000, tol: 1e-4 };
      const residual = enetCoordinateDescent(data, n, 4, y, { ...opts, gram: false });
      const gram = enetCoordinateDescent(data, n, 4, y, { ...opts, gram: true });
      const auto = enetCoordinateDescent(data, n, 4, y, opts);
      for (const r of [residual, gram, auto]) expect(r.iterations).toBe(sweeps);
      const scale = Math.max(...Array.from(residual.coef, Math.abs));
      for (let j = 0; j < 4; j++) {
        expect(Math.abs(gram.coef[j] - residual.coef[j]) / scale).toBeLessThan(1e-9);
        expect(Math.abs(auto.coef[j] - residual.coef[j]) / scale).toBeLessThan(1e-9);
      }
      expect(Math.abs(gram.intercept - residual.intercept) / Math.abs(residual.intercept)).toBeLessThan(1e-9);
      // The duality gap from G, q and G·w agrees with the one from the residual, up to rounding of ||yc||²'s size
      // (far below the stopping threshold tol·||yc||²).
      expect(Math.abs(gram.gap - residual.gap)).toBeLessThan(1e-6 * residual.gap + 1e-10 * yNorm2);
    }
  });
});
