import { afterEach, describe, expect, it, vi } from 'vitest';
import { Rng, isAutopipeError } from '@autopipe/core';
import { classes, fitKnn, matrix } from './helpers.js';

// kNN's time is in predict (every query against the training rows), so that is where it checks its pace when a
// cross-validation fold has a time it is needed by (runFoldJob passes the fold's finishBy).
describe('knn predict with a time it is needed by (finishBy)', () => {
  afterEach(() => vi.restoreAllMocks());
  const rng = new Rng(5);
  const n = 1600;
  const rows = (m: number) => Array.from({ length: m }, () => [rng.normal(), rng.normal(), rng.normal()]);
  const x = matrix(rows(n));
  const y = classes(Array.from({ length: n }, (_, i) => i % 2), ['a', 'b']);
  const queries = matrix(rows(800));

  for (const algorithm of ['kd_tree', 'brute']) {
    it(`${algorithm}: finishes when it can, stops after a few blocks when it cannot, and gives the same answers`, async () => {
      const model = await fitKnn(x, y, { n_neighbors: 5, algorithm });
      const plain = model.predict(queries);
      // A clock that moves 1 ms each time it is read: one read per 16 queries, so 800 queries take ~50 ms.
      let now = 1_000_000;
      vi.spyOn(Date, 'now').mockImplementation(() => (now += 1));
      expect(model.predict(queries, { finishBy: now + 1_000 })).toEqual(plain);
      let error: unknown;
      try {
        model.predict(queries, { finishBy: now + 10 });
      } catch (e) {
        error = e;
      }
      expect(isAutopipeError(error) && error.code).toBe('TOO_SLOW');
      // Stopped at the first check past the second block, long before the 50 blocks.
      expect((error as Error).message).toMatch(/after 16 of 784 steps/);
    });
  }
});
