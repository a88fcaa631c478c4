import { describe, expect, it } from 'vitest';
import { Rng } from '@autopipe/core';
import { minimizeLbfgs } from '../src/lbfgs.js';
import { logisticObjective, sigmoid, softplus, type LogisticLayout } from '../src/logistic-loss.js';

function randomProblem(rows: number, cols: number, classes: number, seed: number) {
  const rng = new Rng(seed);
  const x = new Float64Array(rows * cols).map(() => rng.normal() * 2);
  const codes = new Int32Array(rows).map(() => rng.int(classes));
  return { x, rows, codes };
}

function gradientCheck(layout: LogisticLayout, classes: number, C: number): void {
  const data = randomProblem(40, layout.cols, classes, 3);
  const f = logisticObjective(data, layout, C);
  const rng = new Rng(9);
  const size = layout.outputs * (layout.cols + (layout.fitIntercept ? 1 : 0));
  const w = new Float64Array(size).map(() => rng.normal());
  const g = new Float64Array(size);
  f(w, g);
  const scratch = new Float64Array(size);
  const h = 1e-6;
  for (let i = 0; i < size; i++) {
    const wp = w.slice();
    wp[i] += h;
    const wm = w.slice();
    wm[i] -= h;
    const numeric = (f(wp, scratch) - f(wm, scratch)) / (2 * h);
    expect(Math.abs(numeric - g[i])).toBeLessThan(1e-7 * Math.max(1, Math.abs(g[i])));
  }
}

describe('logistic loss', () => {
  it('softplus and sigmoid are stable at extreme scores', () => {
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(softplus(0)).toBeCloseTo(Math.LN2, 15);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });

  it('binary gradient matches central finite differences', () => {
    gradientCheck({ cols: 3, outputs: 1, fitIntercept: true }, 2, 0.7);
    gradientCheck({ cols: 3, outputs: 1, fitIntercept: false }, 2, 5);
  });

  it('multinomial gradient matches central finite differences', () => {
    gradientCheck({ cols: 3, outputs: 4, fitIntercept: true }, 4, 0.7);
    gradientCheck({ cols: 2, outputs: 3, fitIntercept: false }, 3, 2);
  });

  it('value at zero weights is log(k) plus no penalty', () => {
    const data = randomProblem(30, 2, 3, 1);
    expect(logisticObjective(data, { cols: 2, outputs: 3, fitIntercept: true }, 1)(new Float64Array(9), new Float64Array(9))).toBeCloseTo(Math.log(3), 14);
    expect(logisticObjective(data, { cols: 2, outputs: 1, fitIntercept: true }, 1)(new Float64Array(3), new Float64Array(3))).toBeCloseTo(Math.LN2, 14);
  });

  it('stays finite for huge scores (log-sum-exp)', () => {
    const data = { x: Float64Array.from([1e4, -1e4, 1e4]), rows: 3, codes: Int32Array.from([0, 1, 2]) };
    const g = new Float64Array(6);
    const v = logisticObjective(data, { cols: 1, outputs: 3, fitIntercept: true }, 1)(Float64Array.from([1, 0, -1, 0, 0, 0]), g);
    expect(Number.isFinite(v)).toBe(true);
    for (const gi of g) expect(Number.isFinite(gi)).toBe(true);
  });

  it('two-class multinomial with C equals binary with 2C (w1 − w0 = binary w)', () => {
    // With w0 = −w1 = −v/2 at the optimum, the penalty (||w0||² + ||w1||²)/(2C) = ||v||²/(2·2C).
    const data = randomProblem(200, 3, 2, 5);
    const C = 0.3;
    const bin = minimizeLbfgs(logisticObjective(data, { cols: 3, outputs: 1, fitIntercept: true }, 2 * C), new Float64Array(4), { gtol: 1e-10 });
    const mul = minimizeLbfgs(logisticObjective(data, { cols: 3, outputs: 2, fitIntercept: true }, C), new Float64Array(8), { gtol: 1e-10 });
    for (let j = 0; j < 4; j++) expect(mul.x[4 + j] - mul.x[j]).toBeCloseTo(bin.x[j], 7);
  });
});
