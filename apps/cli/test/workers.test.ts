import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, titanic } from './cli.js';

/**
 * Folds of each trial run on worker threads (`--workers`); trials are still asked and told in order, and every fold's
 * seed comes from the run seed, the trial and the fold — so the leaderboard must not depend on the number of workers.
 */
describe('parallel trials on worker threads', () => {
  it('gives the same leaderboard with 1 and 2 workers for the same seed and trial budget', () => {
    const dir = tempDir('workers');
    const board = (workers: number) => {
      const r = cli('train', titanic, '--target', 'Survived', '--max-trials', '6', '--estimators', 'logistic,gbm,random_forest',
        '--workers', String(workers), '--no-store', '--seed', '7', '--out', join(dir, `m${workers}`), '--json', '-v');
      expect(r.code, r.stderr).toBe(0);
      if (workers > 1) expect(r.stderr).toContain(`trials run on ${workers} worker threads`);
      return (JSON.parse(r.stdout).leaderboard as { trial: number; estimator: string; score: number; params: unknown }[])
        .map((row) => ({ trial: row.trial, estimator: row.estimator, score: row.score, params: row.params }));
    };
    const one = board(1);
    const two = board(2);
    expect(one.length).toBeGreaterThanOrEqual(6);
    expect(two).toEqual(one);
  });
});
