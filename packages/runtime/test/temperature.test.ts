import { describe, expect, it } from 'vitest';
import { Rng, classPrediction, type ClassPrediction, type MetricDefinition, type Target } from '@autopipe/core';
import { applyTemperature, fitTemperature } from '../src/temperature.js';
import { accuracy } from './fakes.js';

const logLoss: MetricDefinition = {
  kind: 'metric', key: 'log_loss', description: 'log loss', direction: 'min', tasks: ['binary', 'multiclass'], needs: 'proba',
  score(y, p) {
    if (y.kind !== 'classification' || p.kind !== 'classification') throw new Error('kind');
    const k = p.classes.length;
    let s = 0;
    for (let i = 0; i < y.codes.length; i++) s -= Math.log(Math.max(1e-15, p.proba[i * k + y.codes[i]]));
    return s / y.codes.length;
  },
};

const CLASSES = ['a', 'b', 'c'];

/** Rows whose labels are drawn from known probabilities, and those probabilities tempered by `shownAt`. */
function drawn(n: number, shownAt: number, seed: number): { y: Target; truth: ClassPrediction; shown: ClassPrediction } {
  const rng = new Rng(seed);
  const k = CLASSES.length;
  const proba = new Float64Array(n * k);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += proba[i * k + c] = Math.exp(3 * rng.next());
    for (let c = 0; c < k; c++) proba[i * k + c] /= s;
    const u = rng.next();
    let acc = 0;
    codes[i] = k - 1;
    for (let c = 0; c < k; c++) if (u < (acc += proba[i * k + c])) { codes[i] = c; break; }
  }
  const truth = classPrediction(CLASSES, proba);
  return { y: { kind: 'classification', classes: CLASSES, codes }, truth, shown: applyTemperature(truth, shownAt) };
}

describe('applyTemperature', () => {
  it('keeps rows summing to 1 and labels unchanged; 1 is the identity; it sharpens below 1 and softens above', () => {
    const { truth } = drawn(200, 1, 3);
    for (const t of [0.3, 1, 2.5]) {
      const p = applyTemperature(truth, t);
      for (let i = 0; i < 200; i++) expect(p.proba[i * 3] + p.proba[i * 3 + 1] + p.proba[i * 3 + 2]).toBeCloseTo(1, 14);
      expect(Array.from(p.labels)).toEqual(Array.from(truth.labels));
    }
    const same = applyTemperature(truth, 1).proba;
    for (let i = 0; i < same.length; i++) expect(same[i]).toBeCloseTo(truth.proba[i], 15);
    const top = (p: ClassPrediction) => p.proba[p.labels[0]];
    expect(top(applyTemperature(truth, 0.5))).toBeGreaterThan(top(truth));
    expect(top(applyTemperature(truth, 2))).toBeLessThan(top(truth));
  });

  it('leaves a zero probability at zero (no log of zero)', () => {
    const p = applyTemperature(classPrediction(['x', 'y'], Float64Array.from([0, 1, 0.5, 0.5])), 0.5);
    expect(Array.from(p.proba)).toEqual([0, 1, 0.5, 0.5]);
  });
});

describe('fitTemperature', () => {
  it('undoes a known miscalibration: probabilities softened by T = 2 get back T ≈ 0.5, sharpened by 0.5 get ≈ 2', () => {
    const soft = drawn(20_000, 2, 7);
    const fit = fitTemperature(soft.shown, soft.y, logLoss)!;
    expect(fit.temperature).toBeGreaterThan(0.45);
    expect(fit.temperature).toBeLessThan(0.55);
    expect(fit.score).toBeLessThan(logLoss.score(soft.y, soft.shown));
    expect(fit.score).toBeCloseTo(logLoss.score(soft.y, applyTemperature(soft.shown, fit.temperature)), 12);
    const sharp = drawn(20_000, 0.5, 8);
    const back = fitTemperature(sharp.shown, sharp.y, logLoss)!;
    expect(back.temperature).toBeGreaterThan(1.8);
    expect(back.temperature).toBeLessThan(2.2);
  });

  it('returns nothing for calibrated probabilities, and for a metric that does not read probabilities', () => {
    const ok = drawn(20_000, 1, 9);
    const fit = fitTemperature(ok.shown, ok.y, logLoss);
    // Calibrated data: the best temperature is 1 up to sampling noise, and the gain is tiny when there is one.
    if (fit) expect(Math.abs(fit.temperature - 1)).toBeLessThan(0.05);
    const small = drawn(500, 2, 9);
    expect(fitTemperature(small.shown, small.y, accuracy)).toBeUndefined();
  });
});
