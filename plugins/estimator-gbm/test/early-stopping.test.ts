import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, Rng } from '@autopipe/core';
import { gbm } from '../src/gbm.js';
import type { GbmModel } from '../src/gbm-model.js';
import { classes, fitRaw, matrix, regression, uniform } from './helpers.js';
import { shouldStop, validationSplit } from '../src/validation.js';

describe('gbm early stopping', () => {
  it('stops well before n_estimators on pure noise and reports the iterations kept', () => {
    const rng = new Rng(21);
    const n = 2000;
    const x = matrix([uniform(n, rng), uniform(n, rng)]);
    const y = Float64Array.from({ length: n }, () => rng.normal());
    const m = fitRaw(x, regression(y), { early_stopping: 'true', n_estimators: 300 });
    expect(m.nIterations).toBeLessThan(60);
    const s = m.state() as { nIterations: number; roots: Int32Array };
    expect(s.nIterations).toBe(m.nIterations);
    expect(s.roots.length).toBe(m.nIterations);
    expect((gbm.restore(decodeState(encodeState(s))) as GbmModel).nIterations).toBe(m.nIterations);
  });

  it('keeps going while the validation loss improves', () => {
    const rng = new Rng(22);
    const n = 2000;
    const x0 = uniform(n, rng);
    const y = x0.map((v) => Math.sin(8 * v));
    const m = fitRaw(matrix([x0]), regression(y), { early_stopping: 'true', n_estimators: 80 });
    expect(m.nIterations).toBeGreaterThan(70);
  });

  it('auto is off at 100,000 rows or fewer for regression and binary targets', () => {
    const rng = new Rng(23);
    for (const n of [500, 20_000]) {
      const y = Float64Array.from({ length: n }, () => rng.normal());
      expect(fitRaw(matrix([uniform(n, rng)]), regression(y), { n_estimators: 40 }).nIterations).toBe(40);
    }
  });

  it('works for multiclass, keeping whole iterations (one tree per class)', () => {
    const rng = new Rng(24);
    const n = 1500;
    const x0 = uniform(n, rng);
    const codes = Int32Array.from(x0, (v) => (rng.next() < 0.3 ? rng.int(3) : v < 0.3 ? 0 : v < 0.6 ? 1 : 2));
    const m = fitRaw(matrix([x0, uniform(n, rng)]), classes(codes, 3), { early_stopping: 'true', n_estimators: 400, learning_rate: 0.3 });
    expect(m.nIterations).toBeGreaterThan(0);
    expect(m.nIterations).toBeLessThan(400);
    expect((m.state() as { roots: Int32Array }).roots.length).toBe(3 * m.nIterations);
  });

  it('stops at an aborted signal and returns the trees grown so far', () => {
    const rng = new Rng(25);
    const n = 300;
    const x0 = uniform(n, rng);
    const controller = new AbortController();
    controller.abort();
    const m = gbm.fit(matrix([x0]), regression(x0.map((v) => 2 * v)), { ...gbm.defaults, early_stopping: 'false' }, { seed: 1, logger: { debug() {}, info() {}, warn() {} }, signal: controller.signal, task: 'regression' }) as GbmModel;
    expect(m.nIterations).toBe(0);
    const p = m.predict(matrix([Float64Array.of(0, 1)]));
    if (p.kind !== 'regression') throw new Error('expected regression');
    expect(p.values[0]).toBeCloseTo(x0.reduce((a, b) => a + 2 * b, 0) / n, 12);
  });

  it('stops by the scikit-learn rule', () => {
    expect(shouldStop([5, 4, 3], 2, 0)).toBe(false);
    expect(shouldStop([5, 4, 4, 4], 2, 0)).toBe(true);
    expect(shouldStop([5, 4, 3.9, 4], 2, 0.5)).toBe(true);
    expect(shouldStop([5, 4, 3.4, 4], 2, 0.5)).toBe(false);
  });

  it('splits classes in proportion (stratified) and partitions the rows', () => {
    const codes = Int32Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const s = validationSplit(classes(codes, 2), 0.2, new Rng(1));
    expect(s.valid.length + s.train.length).toBe(1000);
    expect(new Set([...s.valid, ...s.train]).size).toBe(1000);
    expect(s.valid.filter((i) => codes[i] === 1).length).toBe(20);
    expect(s.valid.length).toBe(200);
  });
});
