import { isMainThread } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Rng } from '@autopipe/core';
import { fitGbmThreaded } from '../src/fit-threaded.js';
import { defaults } from '../src/params.js';
import { liveWorkers } from '../src/thread-team.js';
import { classes, ctx, fitRaw, matrix } from './helpers.js';

// vitest.config.ts runs this file in vitest's thread pool: the test itself is in a worker thread, as a fold fit
// in AutoML's worker pool is, so the fit's own workers are nested ones.
describe('gbm with n_threads 2 inside a worker thread', () => {
  it('fits the single-threaded model and shuts its workers down', async () => {
    expect(isMainThread).toBe(false);
    const rng = new Rng(5);
    const cols = Array.from({ length: 5 }, () => Float64Array.from({ length: 2000 }, () => rng.next()));
    const y = classes(Array.from({ length: 2000 }, (_, i) => (cols[0][i] + cols[1][i] * cols[2][i] + 0.2 * rng.next() > 0.8 ? 1 : 0)), 2);
    const x = matrix(cols);
    const params = { n_estimators: 20, max_leaves: 8, early_stopping: 'false' };
    const one = fitRaw(x, y, params);
    const two = await fitGbmThreaded(x, y, { ...defaults, ...params, n_threads: 2 }, { ...ctx, task: 'binary' }, { minValues: 0, minUpdates: 0, minBinValues: 0 });
    expect(two.contents.trees.value).toEqual(one.contents.trees.value);
    expect(new Uint32Array(two.rawScores(x).buffer)).toEqual(new Uint32Array(one.rawScores(x).buffer));
    expect(liveWorkers()).toBe(0);
  });
});
