import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, Rng, type Prediction } from '@autopipe/core';
import { gbm } from '../src/gbm.js';
import { classes, fit, fitRaw, matrix, uniform } from './helpers.js';

function proba(p: Prediction): Float64Array {
  if (p.kind !== 'classification') throw new Error('expected classification');
  return p.proba;
}

function logLoss(pr: Float64Array, codes: Int32Array, k: number): number {
  let s = 0;
  for (let i = 0; i < codes.length; i++) s -= Math.log(Math.max(1e-15, pr[i * k + codes[i]]));
  return s / codes.length;
}

describe('gbm classification', () => {
  it('binary log loss on held-out rows beats the class prior', async () => {
    const rng = new Rng(11);
    const n = 3000;
    const x0 = uniform(n, rng, -2, 2);
    const x1 = uniform(n, rng, -2, 2);
    const codes = x0.map((v, i) => (rng.next() < 1 / (1 + Math.exp(-(2 * v - x1[i] * x1[i] + 0.5))) ? 1 : 0));
    const train = Array.from({ length: 2000 }, (_, i) => i);
    const test = Array.from({ length: 1000 }, (_, i) => i + 2000);
    const pick = (a: Float64Array, idx: number[]) => Float64Array.from(idx, (i) => a[i]);
    const yTrain = classes(train.map((i) => codes[i]), 2);
    const m = await fit(matrix([pick(x0, train), pick(x1, train)]), yTrain, { early_stopping: 'false' });
    const yTest = Int32Array.from(test, (i) => codes[i]);
    const prior = train.reduce((s, i) => s + codes[i], 0) / train.length;
    const priorLoss = logLoss(Float64Array.from(test.flatMap(() => [1 - prior, prior])), yTest, 2);
    const modelLoss = logLoss(proba(m.predict(matrix([pick(x0, test), pick(x1, test)]))), yTest, 2);
    expect(modelLoss).toBeLessThan(priorLoss - 0.1);
  });

  it('starts from the log-odds of the prior (learning_rate 0 predicts the prior)', async () => {
    const codes = [0, 0, 0, 1, 0, 1, 0, 0];
    const m = await fit(matrix([Float64Array.from(codes.keys())]), classes(codes, 2), { learning_rate: 0, n_estimators: 2, early_stopping: 'false', min_samples_leaf: 1 });
    const p = proba(m.predict(matrix([Float64Array.of(0, 7)])));
    expect(p[1]).toBeCloseTo(0.25, 12);
    expect(p[3]).toBeCloseTo(0.25, 12);
  });

  it('multiclass: one tree per class per iteration, probabilities sum to 1, and it separates the classes', async () => {
    const rng = new Rng(12);
    const n = 900;
    const x0 = uniform(n, rng);
    const x1 = uniform(n, rng);
    const codes = Int32Array.from(x0, (v, i) => (v < 0.33 ? 0 : x1[i] < 0.5 ? 1 : 2));
    const x = matrix([x0, x1]);
    const m = fitRaw(x, classes(codes, 3), { n_estimators: 25, early_stopping: 'false' });
    expect(m.nIterations).toBe(25);
    expect((m.state() as { roots: Int32Array }).roots.length).toBe(75);
    const p = m.predict(x);
    if (p.kind !== 'classification') throw new Error('expected classification');
    let correct = 0;
    for (let i = 0; i < n; i++) {
      expect(p.proba[i * 3] + p.proba[i * 3 + 1] + p.proba[i * 3 + 2]).toBeCloseTo(1, 12);
      if (p.labels[i] === codes[i]) correct++;
    }
    expect(correct / n).toBeGreaterThan(0.97);
    const restored = gbm.restore(decodeState(encodeState(m.state())));
    expect(proba(restored.predict(x))).toEqual(p.proba);
  });

  it('rejects a target with a single class', async () => {
    const err = await fit(matrix([Float64Array.of(1, 2, 3)]), { kind: 'classification', classes: ['a'], codes: new Int32Array(3) }).catch((e) => e);
    expect(err.code).toBe('SINGLE_CLASS_TARGET');
  });
});
