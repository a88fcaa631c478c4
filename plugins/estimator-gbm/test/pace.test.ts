import { afterEach, describe, expect, it, vi } from 'vitest';
import { Rng } from '@autopipe/core';
import { fitRaw, matrix, regression, uniform } from './helpers.js';

describe('gbm with a time it is needed by (finishBy)', () => {
  afterEach(() => vi.restoreAllMocks());
  const rng = new Rng(31);
  const n = 2000;
  const x = matrix([uniform(n, rng), uniform(n, rng)]);
  const noise = regression(Float64Array.from({ length: n }, () => rng.normal()));
  // A clock that moves 10 ms each time it is read: every iteration takes about 10 ms, deterministically.
  let now = 1_000_000;
  const tick = () => vi.spyOn(Date, 'now').mockImplementation(() => (now += 10));

  it('without early stopping, projects over n_estimators: stops after its second iteration when they cannot fit', () => {
    tick();
    expect(fitRaw(x, noise, { n_estimators: 100 }, { finishBy: now + 5_000 }).nIterations).toBe(100);
    expect(() => fitRaw(x, noise, { n_estimators: 100 }, { finishBy: now + 500 })).toThrow(/after 1 of 99 steps/);
  });

  it('with early stopping, projects over the iterations patience still allows, not n_estimators', () => {
    tick();
    // Noise stops by patience within ~60 iterations (~0.6 s on this clock), where 1000 would take ~10 s.
    const m = fitRaw(x, noise, { n_estimators: 1000, early_stopping: 'true' }, { finishBy: now + 2_000 });
    expect(m.nIterations).toBeLessThan(100);
    expect(() => fitRaw(x, noise, { n_estimators: 1000, early_stopping: 'true' }, { finishBy: now + 30 })).toThrow(/after 1 of 10 steps/);
  });
});
