import { describe, expect, it } from 'vitest';
import {
  AutopipeError, Rng, createMatrix, defaultContext, fitEstimator,
  type ClassTarget, type FittedModel, type Matrix, type Params,
} from '@autopipe/core';
import { logistic } from '../src/logistic.js';

const ctx = defaultContext(1);

function target(codes: number[], classes: string[]): ClassTarget {
  return { kind: 'classification', classes, codes: Int32Array.from(codes) };
}

function fieldsOf(m: FittedModel): { coef: Float64Array; intercept: Float64Array } {
  return m.state() as unknown as { coef: Float64Array; intercept: Float64Array };
}

function classProba(m: FittedModel, x: Matrix): Float64Array {
  const p = m.predict(x);
  if (p.kind !== 'classification') throw new Error('expected classes');
  return p.proba;
}

/** x = ±1; at x=+1 three of four rows are class 1, at x=−1 three of four are class 0. Symmetric, so intercept = 0. */
const sym = {
  x: createMatrix(8, ['x'], Float64Array.from([1, 1, 1, 1, -1, -1, -1, -1])),
  y: target([1, 1, 1, 0, 0, 0, 0, 1], ['no', 'yes']),
};

describe('logistic (binary)', () => {
  it('matches the hand-solved stationarity equation 8σ(w) − 6 + w/C = 0', async () => {
    // Solutions by bisection of that equation: C=1 → 0.6836238387577511, C=0.1 → 0.16673086295355663.
    for (const [C, w] of [[1, 0.6836238387577511], [0.1, 0.16673086295355663]]) {
      const m = await fitEstimator(logistic, sym.x, sym.y, { C, tol: 1e-10 }, ctx);
      const s = fieldsOf(m);
      expect(s.coef[0]).toBeCloseTo(w, 8);
      expect(s.intercept[0]).toBeCloseTo(0, 8);
    }
  });

  it('with C = 1e6 recovers the unregularized MLE σ(w) = 3/4, i.e. w = ln 3', async () => {
    const m = await fitEstimator(logistic, sym.x, sym.y, { C: 1e6, tol: 1e-10 }, ctx);
    expect(fieldsOf(m).coef[0]).toBeCloseTo(Math.log(3), 5);
    const p = classProba(m, sym.x);
    expect(p[1]).toBeCloseTo(0.75, 5);
    expect(p[0] + p[1]).toBe(1);
  });

  it('recovers generating coefficients with C = 1e6 and shrinks them as C falls (λ = 1/(C·n))', async () => {
    const rng = new Rng(11);
    const n = 20000;
    const data = new Float64Array(n * 2);
    const codes: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = rng.normal();
      const b = rng.normal();
      data[i] = a;
      data[n + i] = b;
      codes.push(rng.next() < 1 / (1 + Math.exp(-(0.5 + 2 * a - b))) ? 1 : 0);
    }
    const x = createMatrix(n, ['a', 'b'], data);
    const y = target(codes, ['0', '1']);
    const norms: number[] = [];
    for (const C of [1e6, 1e-3, 1e-5]) {
      const s = fieldsOf(await fitEstimator(logistic, x, y, { C }, ctx));
      if (C === 1e6) {
        expect(s.coef[0]).toBeCloseTo(2, 0);
        expect(Math.abs(s.coef[0] - 2)).toBeLessThan(0.15);
        expect(Math.abs(s.coef[1] + 1)).toBeLessThan(0.1);
        expect(Math.abs(s.intercept[0] - 0.5)).toBeLessThan(0.1);
      }
      norms.push(Math.hypot(s.coef[0], s.coef[1]));
    }
    expect(norms[1]).toBeLessThan(norms[0]);
    expect(norms[2]).toBeLessThan(norms[1] / 2);
  });

  it('does not penalize the intercept: an uninformative feature leaves the base rate', async () => {
    // Constant column: its coefficient is driven to 0 and P(class 1) equals the training frequency 0.3.
    const x = createMatrix(10, ['c'], new Float64Array(10).fill(4));
    const m = await fitEstimator(logistic, x, target([1, 1, 1, 0, 0, 0, 0, 0, 0, 0], ['a', 'b']), { C: 0.01, tol: 1e-10 }, ctx);
    expect(fieldsOf(m).coef[0]).toBeCloseTo(0, 6);
    expect(classProba(m, x)[1]).toBeCloseTo(0.3, 6);
  });

  it('handles collinear columns by splitting the weight evenly', async () => {
    const x = createMatrix(8, ['x', 'x2'], Float64Array.from([1, 1, 1, 1, -1, -1, -1, -1, 1, 1, 1, 1, -1, -1, -1, -1]));
    const s = fieldsOf(await fitEstimator(logistic, x, sym.y, { C: 1, tol: 1e-10 }, ctx));
    expect(s.coef[0]).toBeCloseTo(s.coef[1], 8);
    // With two copies, the equation becomes 8σ(2v) − 6 + v/C = 0 for each copy v.
    const v = s.coef[0];
    expect(8 / (1 + Math.exp(-2 * v)) - 6 + v).toBeCloseTo(0, 7);
  });

  it('without an intercept, predicts 1/2 at the origin', async () => {
    const x = createMatrix(4, ['x'], Float64Array.from([1, 2, 3, 0]));
    const m = await fitEstimator(logistic, x, target([0, 1, 1, 0], ['a', 'b']), { fit_intercept: false }, ctx);
    expect(fieldsOf(m).intercept[0]).toBe(0);
    expect(classProba(m, x)[7]).toBe(0.5);
  });
});

describe('logistic on one-hot columns (stored sparse while fitting)', () => {
  /*
   * A numeric column and a 5-level one-hot block (20% ones per column, so the objective visits only the ones).
   * scikit-learn 1.2.1: LogisticRegression(C=1, tol=1e-10, max_iter=10000).fit(X, y) on
   *   for i in range(30): a = ((i*7) % 11)/5 - 1; X[i, 0] = a; X[i, 1 + i % 5] = 1
   *                       y[i] = 1 if a + (i % 5)*0.5 - 0.4 + ((i*5) % 7 - 3)/4 > 0 else 0
   */
  it('matches scikit-learn\'s coefficients', async () => {
    const n = 30;
    const data = new Float64Array(n * 6);
    const codes: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = ((i * 7) % 11) / 5 - 1;
      data[i] = a;
      data[(1 + (i % 5)) * n + i] = 1;
      codes.push(a + (i % 5) * 0.5 - 0.4 + (((i * 5) % 7) - 3) / 4 > 0 ? 1 : 0);
    }
    const x = createMatrix(n, ['a', 'c0', 'c1', 'c2', 'c3', 'c4'], data);
    const s = fieldsOf(await fitEstimator(logistic, x, target(codes, ['0', '1']), { C: 1, tol: 1e-10 }, ctx));
    const ref = [1.092059603762509, -1.0206782910284224, -0.5535413390328988, -0.06780231385187808, 0.8109477934759693, 0.8310745818558098];
    // L-BFGS stops on its ftol test (relative change ≤ 64·eps) after 12 iterations, within 5e-7 of these.
    for (let j = 0; j < 6; j++) expect(s.coef[j]).toBeCloseTo(ref[j], 5);
    expect(s.intercept[0]).toBeCloseTo(1.0363400674870138, 5);
  });
});

describe('logistic (multinomial)', () => {
  const rows = 300;
  const rng = new Rng(4);
  const data = new Float64Array(rows * 3).map(() => rng.normal());
  const codes = Array.from({ length: rows }, (_, i) => (data[i] + 0.5 * data[rows + i] > 0.5 ? 2 : data[2 * rows + i] > 0 ? 1 : 0));
  const x = createMatrix(rows, ['a', 'b', 'c'], data);
  const y = target(codes, ['r', 's', 't']);

  it('satisfies the optimality conditions Σᵢ(pᵢc − yᵢc)·xᵢⱼ + coef_cj / C = 0 and Σᵢ(pᵢc − yᵢc) = 0', async () => {
    const C = 0.5;
    const m = await fitEstimator(logistic, x, y, { C, tol: 1e-9 } as Params, ctx);
    const p = classProba(m, x);
    const s = fieldsOf(m);
    expect(s.coef.length).toBe(9);
    for (let c = 0; c < 3; c++) {
      let bias = 0;
      for (let i = 0; i < rows; i++) bias += p[i * 3 + c] - (codes[i] === c ? 1 : 0);
      expect(Math.abs(bias)).toBeLessThan(1e-6 * rows);
      for (let j = 0; j < 3; j++) {
        let g = s.coef[c * 3 + j] / C;
        for (let i = 0; i < rows; i++) g += (p[i * 3 + c] - (codes[i] === c ? 1 : 0)) * data[j * rows + i];
        expect(Math.abs(g)).toBeLessThan(1e-6 * rows);
      }
    }
    // The penalty makes the symmetric parametrization identifiable: coefficients sum to 0 over classes.
    for (let j = 0; j < 3; j++) expect(Math.abs(s.coef[j] + s.coef[3 + j] + s.coef[6 + j])).toBeLessThan(1e-6);
  });

  it('probabilities sum to 1, labels are the arg-max, and an intercept-only fit gives class frequencies', async () => {
    const m = await fitEstimator(logistic, x, y, {}, ctx);
    const pred = m.predict(x);
    if (pred.kind !== 'classification') throw new Error('expected classes');
    for (let i = 0; i < rows; i++) {
      const row = Array.from(pred.proba.subarray(i * 3, i * 3 + 3));
      expect(Math.abs(row[0] + row[1] + row[2] - 1)).toBeLessThan(1e-12);
      expect(pred.labels[i]).toBe(row.indexOf(Math.max(...row)));
    }
    const xc = createMatrix(10, ['k'], new Float64Array(10).fill(-2));
    const mc = await fitEstimator(logistic, xc, target([0, 0, 1, 1, 1, 2, 2, 2, 2, 2], ['a', 'b', 'c']), { tol: 1e-10 }, ctx);
    const pc = classProba(mc, xc);
    expect(pc[0]).toBeCloseTo(0.2, 7);
    expect(pc[1]).toBeCloseTo(0.3, 7);
    expect(pc[2]).toBeCloseTo(0.5, 7);
  });

  it('importances are the mean |coef| across classes', async () => {
    const m = await fitEstimator(logistic, x, y, {}, ctx);
    const s = fieldsOf(m);
    const imp = m.importances!();
    for (let j = 0; j < 3; j++) expect(imp[j]).toBeCloseTo((Math.abs(s.coef[j]) + Math.abs(s.coef[3 + j]) + Math.abs(s.coef[6 + j])) / 3, 14);
    // Column c only separates classes r and s; a and b carry the rest.
    expect(imp[0]).toBeGreaterThan(imp[1]);
  });
});

describe('logistic errors', () => {
  it('rejects bad hyperparameters, a single class, wrong column counts and foreign state', async () => {
    for (const bad of [{ C: 0 }, { C: -1 }, { max_iter: 0 }, { max_iter: 2.5 }, { tol: 0 }]) {
      const err = await fitEstimator(logistic, sym.x, sym.y, bad, ctx).catch((e: unknown) => e);
      expect((err as AutopipeError).code).toBe('INVALID_PARAMS');
    }
    const single = await fitEstimator(logistic, sym.x, target([0, 0, 0, 0, 0, 0, 0, 0], ['only']), {}, ctx).catch((e: unknown) => e);
    expect((single as AutopipeError).code).toBe('SINGLE_CLASS_TARGET');
    const m = await fitEstimator(logistic, sym.x, sym.y, {}, ctx);
    expect(() => m.predict(createMatrix(2, ['a', 'b']))).toThrow(expect.objectContaining({ code: 'SCHEMA_MISMATCH' }));
    expect(() => logistic.restore({ classes: ['a', 'b'], cols: 2, coef: new Float64Array(1), intercept: new Float64Array(1) })).toThrow(expect.objectContaining({ code: 'MODEL_INCOMPATIBLE' }));
  });

  it('stops early, with a usable model, when the budget signal is aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    // Non-convergence is a debug line: search tries hundreds of configurations and must not flood the user.
    const lines: string[] = [];
    const m = await fitEstimator(logistic, sym.x, sym.y, {}, { seed: 0, signal: ac.signal, logger: { debug: (msg) => lines.push(msg), info() {}, warn() {} } });
    expect(fieldsOf(m).coef[0]).toBe(0);
    expect(lines[0]).toMatch(/stopped/);
  });
});
