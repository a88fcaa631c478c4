import { describe, expect, it } from 'vitest';
import {
  AutopipeError, Rng, createMatrix, decodeState, defaultContext, encodeState, fitEstimator, sampleParams, takePrediction, takeRows,
  type ClassTarget, type FittedModel, type Matrix,
} from '@autopipe/core';
import { predictionNumbers } from '@autopipe/testkit';
import { multinomialNb } from '../src/multinomial-nb.js';

const ctx = defaultContext(1);
const target = (codes: number[], classes: string[]): ClassTarget => ({ kind: 'classification', classes, codes: Int32Array.from(codes) });
const rowsToMatrix = (rows: number[][]): Matrix => {
  const n = rows.length;
  const p = rows[0].length;
  const data = new Float64Array(n * p);
  rows.forEach((r, i) => r.forEach((v, j) => { data[j * n + i] = v; }));
  return createMatrix(n, Array.from({ length: p }, (_, j) => `w${j}`), data);
};
function proba(m: FittedModel, x: Matrix): Float64Array {
  const p = m.predict(x);
  if (p.kind !== 'classification') throw new Error('expected classes');
  return p.proba;
}
function expectProba(got: Float64Array, want: number[]): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-9 + 1e-6 * want[i]);
}

/*
 * scikit-learn 1.2.1:
 *   C = np.array([[2,1,0,0],[3,0,1,0],[0,2,3,1],[0,1,4,2],[1,0,0,5],[0,0,1,4],[2,2,0,0]], dtype=float)
 *   yc = np.array([0, 0, 1, 1, 2, 2, 0])
 *   Ct = np.array([[1,1,0,0],[0,0,2,1],[0,0,0,3],[0,0,0,0],[0.5,0.25,1.5,0]])
 *   m = MultinomialNB().fit(C, yc); m.feature_log_prob_, m.class_log_prior_, m.predict_proba(Ct)
 *   MultinomialNB(alpha=0.1, fit_prior=False).fit(C, yc).predict_proba(Ct)
 *   MultinomialNB(alpha=0.5).fit(C[:4], [0, 0, 1, 1]).predict_proba(Ct)
 */
const C = rowsToMatrix([[2, 1, 0, 0], [3, 0, 1, 0], [0, 2, 3, 1], [0, 1, 4, 2], [1, 0, 0, 5], [0, 0, 1, 4], [2, 2, 0, 0]]);
const yc = target([0, 0, 1, 1, 2, 2, 0], ['ham', 'news', 'spam']);
const Ct = rowsToMatrix([[1, 1, 0, 0], [0, 0, 2, 1], [0, 0, 0, 3], [0, 0, 0, 0], [0.5, 0.25, 1.5, 0]]);

describe('multinomial_nb against scikit-learn', () => {
  it('learns the same feature log-probabilities, priors and probabilities', async () => {
    const m = await fitEstimator(multinomialNb, C, yc, {}, ctx);
    const s = m.state() as unknown as { featureLogProb: Float64Array; classLogPrior: Float64Array };
    const flp = [
      -0.628608659422, -1.321755839982, -2.014903020542, -2.708050201102,
      -2.833213344056, -1.446918982936, -0.753771802376, -1.446918982936,
      -2.014903020542, -2.708050201102, -2.014903020542, -0.405465108108,
    ];
    for (let i = 0; i < 12; i++) expect(s.featureLogProb[i]).toBeCloseTo(flp[i], 11);
    const clp = [-0.847297860387, -1.252762968495, -1.252762968495];
    for (let c = 0; c < 3; c++) expect(s.classLogPrior[c]).toBeCloseTo(clp[c], 11);
    expectProba(proba(m, Ct), [
      0.903713355049, 0.058631921824, 0.037654723127, 0.027044086319,
      0.792662004884, 0.180293908796, 0.001434768274, 0.042053049338,
      0.956512182389, 0.428571428571, 0.285714285714, 0.285714285714,
      0.376149264051, 0.535191504166, 0.088659231783,
    ]);
  });

  it('matches with alpha = 0.1 and uniform priors, and on a binary problem', async () => {
    const m = await fitEstimator(multinomialNb, C, yc, { alpha: 0.1, fit_prior: false }, ctx);
    expectProba(proba(m, Ct), [
      9.850356721032e-1, 1.00413872366e-2, 4.922940660216e-3,
      1.127102469516e-3, 8.963065728046e-1, 1.025663247259e-1,
      1.29547837018e-6, 2.376377362696e-2, 9.762349308947e-1,
      3.333333333333e-1, 3.333333333333e-1, 3.333333333333e-1,
      3.968934827376e-1, 5.369000046459e-1, 6.620651261652e-2,
    ]);
    const b = await fitEstimator(multinomialNb, takeRows(C, [0, 1, 2, 3]), target([0, 0, 1, 1], ['no', 'yes']), { alpha: 0.5 }, ctx);
    expectProba(proba(b, Ct), [
      0.929054054054, 0.070945945946, 0.025773195876, 0.974226804124,
      0.013317707224, 0.986682292776, 0.5, 0.5, 0.431023616709, 0.568976383291,
    ]);
  });
});

describe('multinomial_nb input checks', () => {
  it('rejects negative features at fit and predict, naming the column', async () => {
    const neg = rowsToMatrix([[1, 0], [2, -0.5], [0, 3]]);
    const err = await fitEstimator(multinomialNb, neg, target([0, 1, 1], ['a', 'b']), {}, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AutopipeError);
    expect((err as AutopipeError).code).toBe('UNSUPPORTED_INPUT');
    expect((err as AutopipeError).message).toMatch(/needs non-negative features such as counts or TF-IDF.*column "w1".*row 2/);
    expect((err as AutopipeError).details).toMatchObject({ column: 'w1', row: 2 });
    const m = await fitEstimator(multinomialNb, C, yc, {}, ctx);
    expect(() => m.predict(rowsToMatrix([[0, 0, -1, 0]]))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_INPUT' }));
  });

  it('rejects negative alpha and clamps alpha = 0 to 1e-10 like scikit-learn (no log(0))', async () => {
    const err = await fitEstimator(multinomialNb, C, yc, { alpha: -1 }, ctx).catch((e: unknown) => e);
    expect((err as AutopipeError).code).toBe('INVALID_PARAMS');
    const lines: string[] = [];
    const m = await fitEstimator(multinomialNb, C, yc, { alpha: 0 }, { seed: 0, logger: { debug: (msg) => lines.push(msg), info() {}, warn() {} } });
    expect(lines[0]).toMatch(/1e-10/);
    // Word 3 never occurs in class ham: ham totals [7, 3, 1, 0], so log P = log(1e-10 / (11 + 4e-10)), finite.
    const s = m.state() as unknown as { featureLogProb: Float64Array };
    expect(s.featureLogProb[3]).toBeCloseTo(Math.log(1e-10 / (11 + 4e-10)), 9);
    for (const v of proba(m, Ct)) expect(Number.isFinite(v)).toBe(true);
  });
});

// The contract kit cannot feed non-negative data (see contract.test.ts), so its properties are checked here on counts.
describe('multinomial_nb contract properties on count data', () => {
  const rng = new Rng(9);
  const n = 240;
  const vocab = 12;
  const data = new Float64Array(n * vocab);
  const codes: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    codes.push(c);
    // Each class favours its own four words; the others appear rarely.
    for (let j = 0; j < vocab; j++) data[j * n + i] = Math.floor(rng.next() * (Math.floor(j / 4) === c ? 6 : 1.6));
  }
  const x = createMatrix(n, Array.from({ length: vocab }, (_, j) => `w${j}`), data);
  const y = target(codes, ['a', 'b', 'c']);
  const yBinary = target(codes.map((c) => (c === 0 ? 0 : 1)), ['no', 'yes']);

  it('leaves params and input unchanged, is deterministic, and learns', async () => {
    for (const t of [y, yBinary]) {
      const before = x.data.slice();
      const params = { alpha: 1, fit_prior: true };
      const m = await fitEstimator(multinomialNb, x, t, params, ctx);
      expect(params).toEqual({ alpha: 1, fit_prior: true });
      expect(x.data).toEqual(before);
      const again = await fitEstimator(multinomialNb, x, t, params, ctx);
      expect(predictionNumbers(again.predict(x))).toEqual(predictionNumbers(m.predict(x)));
      const p = m.predict(x);
      if (p.kind !== 'classification') throw new Error('expected classes');
      let ok = 0;
      for (let i = 0; i < n; i++) ok += p.labels[i] === t.codes[i] ? 1 : 0;
      expect(ok / n).toBeGreaterThan(0.9);
      const k = t.classes.length;
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let c = 0; c < k; c++) sum += p.proba[i * k + c];
        expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
      }
    }
  });

  it('predicts subsets consistently, round-trips its state, and fits sampled hyperparameters', async () => {
    const m = await fitEstimator(multinomialNb, x, y, {}, ctx);
    const subset = [5, 3, 17, 0, 42, 42];
    expect(predictionNumbers(m.predict(takeRows(x, subset)))).toEqual(predictionNumbers(takePrediction(m.predict(x), subset)));
    const restored = multinomialNb.restore(decodeState(encodeState(m.state())));
    expect(predictionNumbers(restored.predict(x))).toEqual(predictionNumbers(m.predict(x)));
    const srng = new Rng(5);
    for (let t = 0; t < 4; t++) {
      const sampled = sampleParams(multinomialNb.defaults, multinomialNb.space, srng);
      const ms = await fitEstimator(multinomialNb, x, y, sampled, ctx);
      for (const v of predictionNumbers(ms.predict(x))) expect(Number.isFinite(v)).toBe(true);
    }
  });

  it('rejects missing values with UNSUPPORTED_INPUT (no missing-values capability)', async () => {
    const withNan = { ...x, data: x.data.slice() };
    withNan.data[7] = NaN;
    const err = await fitEstimator(multinomialNb, withNan, y, {}, ctx).catch((e: unknown) => e);
    expect((err as AutopipeError).code).toBe('UNSUPPORTED_INPUT');
    expect((err as AutopipeError).message).toMatch(/missing values/);
  });
});
