import { describe, expect, it } from 'vitest';
import { createMatrix, defaultContext, fitEstimator, Rng, type ClassPrediction } from '@autopipe/core';
import { calibrate, fitCalibrationParams, NO_CALIBRATION } from '../src/calibration.js';
import { gaussianNb } from '../src/gaussian-nb.js';

function logLoss(proba: Float64Array, codes: Int32Array, k: number): number {
  let s = 0;
  for (let i = 0; i < codes.length; i++) s -= Math.log(Math.max(proba[i * k + codes[i]], 1e-15));
  return s / codes.length;
}

function softmaxRows(z: Float64Array, n: number, k: number): Float64Array {
  const p = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let mx = -Infinity;
    for (let c = 0; c < k; c++) mx = Math.max(mx, z[c * n + i]);
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.exp(z[c * n + i] - mx);
    for (let c = 0; c < k; c++) p[i * k + c] = Math.exp(z[c * n + i] - mx) / s;
  }
  return p;
}

describe('naive Bayes calibration', () => {
  it('learns a temperature for scores that are right in direction but 5x too confident', () => {
    // True model: P(class 1) = sigmoid(u); the scores claim sigmoid(5u).
    const n = 4000;
    const rng = new Rng(3);
    const codes = new Int32Array(n);
    const jll = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const u = rng.next() * 6 - 3;
      codes[i] = rng.next() < 1 / (1 + Math.exp(-u)) ? 1 : 0;
      jll[n + i] = 5 * u;
    }
    const cal = fitCalibrationParams(jll, codes, 2);
    expect(cal.scale).toBeGreaterThan(0.17);
    expect(cal.scale).toBeLessThan(0.23);
    expect(Math.abs(cal.bias[1] - cal.bias[0])).toBeLessThan(0.15);
    const before = logLoss(softmaxRows(jll, n, 2), codes, 2);
    const after = logLoss(softmaxRows(calibrate(jll.slice(), n, cal), n, 2), codes, 2);
    expect(after).toBeLessThan(before - 0.1);
  });

  it('falls back to the class prior when the scores carry no information', () => {
    const n = 3000;
    const rng = new Rng(5);
    const codes = new Int32Array(n);
    const jll = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      const r = rng.next();
      codes[i] = r < 0.6 ? 0 : r < 0.9 ? 1 : 2;
      for (let c = 0; c < 3; c++) jll[c * n + i] = (rng.next() - 0.5) * 40;
    }
    const cal = fitCalibrationParams(jll, codes, 3);
    expect(cal.scale).toBeLessThan(0.01);
    const p = softmaxRows(calibrate(jll.slice(), n, cal), n, 3);
    expect(p[0]).toBeCloseTo(0.6, 1);
    expect(p[1]).toBeCloseTo(0.3, 1);
    expect(p[2]).toBeCloseTo(0.1, 1);
  });

  it('is the identity at scale 1 with zero offsets, and calibration "none" gives plain naive Bayes', async () => {
    const jll = new Float64Array([1, 2, 3, -1, -2, -3]);
    expect(calibrate(jll, 3, NO_CALIBRATION(2))).toBe(jll);
    const rows = 200;
    const rng = new Rng(9);
    const data = new Float64Array(rows * 2);
    const codes = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      codes[i] = i % 2;
      data[i] = rng.next() + codes[i];
      data[rows + i] = rng.next() - codes[i];
    }
    const x = createMatrix(rows, ['a', 'b'], data);
    const y = { kind: 'classification' as const, classes: ['n', 'p'], codes };
    const raw = (await fitEstimator(gaussianNb, x, y, { calibration: 'none' }, defaultContext(1))).predict(x) as ClassPrediction;
    const cal = (await fitEstimator(gaussianNb, x, y, {}, defaultContext(1))).predict(x) as ClassPrediction;
    expect(raw.proba).not.toEqual(cal.proba);
    expect(await fitEstimator(gaussianNb, x, y, { calibration: 'platt' }, defaultContext(1)).catch((e: Error) => e.message)).toContain('"calibration"');
  });
});
