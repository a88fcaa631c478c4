import { describe, expect, it } from 'vitest';
import { AutopipeError, createMatrix, decodeState, defaultContext, encodeState, fitEstimator, type ClassTarget, type FittedModel, type Matrix } from '@autopipe/core';
import { gaussianNb } from '../src/gaussian-nb.js';

const ctx = defaultContext(1);
const target = (codes: number[], classes: string[]): ClassTarget => ({ kind: 'classification', classes, codes: Int32Array.from(codes) });
const rowsToMatrix = (rows: number[][]): Matrix => {
  const n = rows.length;
  const p = rows[0].length;
  const data = new Float64Array(n * p);
  rows.forEach((r, i) => r.forEach((v, j) => { data[j * n + i] = v; }));
  return createMatrix(n, Array.from({ length: p }, (_, j) => `f${j}`), data);
};
function proba(m: FittedModel, x: Matrix): Float64Array {
  const p = m.predict(x);
  if (p.kind !== 'classification') throw new Error('expected classes');
  return p.proba;
}
/** Probabilities spanning e^-300..1: absolute error for large ones, relative error for tiny ones. */
function expectProba(got: Float64Array, want: number[]): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-9 + 1e-6 * want[i]);
}

/*
 * scikit-learn 1.2.1:
 *   X = np.array([[1.0, 2.0], [1.5, 1.8], [5.0, 8.0], [8.0, 8.0], [1.0, 0.6], [9.0, 11.0], [2.0, 1.0], [6.0, 9.5]])
 *   y = np.array([0, 0, 1, 1, 0, 1, 2, 2])
 *   Xt = np.array([[1.2, 1.5], [7.0, 9.0], [3.0, 3.0], [4.0, 2.0]])
 *   g = GaussianNB().fit(X, y); g.theta_, g.var_, g.epsilon_, g.predict_proba(Xt)
 *   GaussianNB(var_smoothing=1.0).fit(X, y).predict_proba(Xt)
 */
const X = rowsToMatrix([[1.0, 2.0], [1.5, 1.8], [5.0, 8.0], [8.0, 8.0], [1.0, 0.6], [9.0, 11.0], [2.0, 1.0], [6.0, 9.5]]);
const y = target([0, 0, 1, 1, 0, 1, 2, 2], ['a', 'b', 'c']);
const Xt = rowsToMatrix([[1.2, 1.5], [7.0, 9.0], [3.0, 3.0], [4.0, 2.0]]);

describe('gaussian_nb against scikit-learn', () => {
  it('learns the same means, smoothed variances and probabilities', async () => {
    const m = await fitEstimator(gaussianNb, X, y, {}, ctx);
    const s = m.state() as unknown as { theta: Float64Array; variance: Float64Array; logPrior: Float64Array };
    const theta = [1.166666666667, 1.466666666667, 7.333333333333, 9, 4, 5.25];
    const variance = [0.055555571605, 0.382222238272, 2.888888904939, 2.00000001605, 4.00000001605, 18.06250001605];
    for (let i = 0; i < 6; i++) {
      expect(s.theta[i]).toBeCloseTo(theta[i], 11);
      expect(s.variance[i]).toBeCloseTo(variance[i], 11);
    }
    // epsilon_ = 1e-9 · max column variance = 1.604984375e-08 is what separates var_ from the raw variances.
    expect(s.variance[4] - 4).toBeCloseTo(1.604984375e-8, 15);
    expect(Array.from(s.logPrior)).toEqual([Math.log(3 / 8), Math.log(3 / 8), Math.log(2 / 8)]);
    expectProba(proba(m, Xt), [
      9.970688160857e-1, 7.10368095786e-11, 2.931183843275e-3,
      9.199570797864e-165, 9.594398777066e-1, 4.056012229336e-2,
      3.837160126532e-13, 3.30869076582e-5, 9.99966913092e-1,
      3.385348207685e-30, 4.969593340411e-6, 9.999950304067e-1,
    ]);
  });

  it('matches with heavy smoothing (var_smoothing = 1)', async () => {
    const m = await fitEstimator(gaussianNb, X, y, { var_smoothing: 1 }, ctx);
    expectProba(proba(m, Xt), [
      0.742854100059, 0.050971173225, 0.206174726716, 0.05115825773,
      0.725790514474, 0.223051227796, 0.593999800294, 0.140021921112,
      0.265978278594, 0.595857561818, 0.130217818697, 0.273924619485,
    ]);
  });
});

describe('gaussian_nb', () => {
  it('stays finite far from the training data (log-sum-exp) and picks the nearer class', async () => {
    const m = await fitEstimator(gaussianNb, X, y, {}, ctx);
    const far = rowsToMatrix([[1e4, 1e4], [-1e4, -1e4]]);
    const p = m.predict(far);
    if (p.kind !== 'classification') throw new Error('expected classes');
    for (const v of p.proba) expect(Number.isFinite(v)).toBe(true);
    // Every likelihood underflows to 0 in linear space here; in log space the widest class (c) still wins.
    expect(p.labels[0]).toBe(2);
  });

  it('ignores a class with no training rows (probability 0) and survives all-constant features', async () => {
    const m = await fitEstimator(gaussianNb, X, target([0, 0, 1, 1, 0, 1, 0, 1], ['a', 'b', 'never']), {}, ctx);
    const p = proba(m, Xt);
    for (let i = 0; i < 4; i++) expect(p[i * 3 + 2]).toBe(0);
    const restored = gaussianNb.restore(decodeState(encodeState(m.state())));
    expect(proba(restored, Xt)).toEqual(p);
    const flat = createMatrix(4, ['k'], new Float64Array(4).fill(3));
    const mf = await fitEstimator(gaussianNb, flat, target([0, 1, 1, 1], ['a', 'b']), {}, ctx);
    expectProba(proba(mf, createMatrix(1, ['k'], Float64Array.of(5))), [0.25, 0.75]);
  });

  it('rejects negative var_smoothing, regression targets, wrong widths and foreign state', async () => {
    const err = await fitEstimator(gaussianNb, X, y, { var_smoothing: -1 }, ctx).catch((e: unknown) => e);
    expect((err as AutopipeError).code).toBe('INVALID_PARAMS');
    const reg = await fitEstimator(gaussianNb, X, { kind: 'regression', values: new Float64Array(8) }, {}, ctx).catch((e: unknown) => e);
    expect((reg as AutopipeError).code).toBe('UNSUPPORTED_TASK');
    const m = await fitEstimator(gaussianNb, X, y, {}, ctx);
    expect(() => m.predict(createMatrix(1, ['a']))).toThrow(expect.objectContaining({ code: 'SCHEMA_MISMATCH' }));
    expect(() => gaussianNb.restore({ classes: ['a', 'b'], cols: 2, theta: new Float64Array(4), variance: new Float64Array(3), logPrior: new Float64Array(2) }))
      .toThrow(expect.objectContaining({ code: 'MODEL_INCOMPATIBLE' }));
  });
});
