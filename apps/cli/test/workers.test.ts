import { writeFileSync } from 'node:fs';
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

  it('an input error inside a worker thread stays an input error: every trial failing with it exits 1 naming it', () => {
    const dir = tempDir('workers-input');
    const data = join(dir, 'negative.csv');
    // multinomial_nb refuses negative features with UNSUPPORTED_INPUT, inside the fold fit on the worker thread.
    writeFileSync(data, ['a,b,y', ...Array.from({ length: 60 }, (_, i) => `${(i % 7) - 3},${i % 5},${i % 2 ? 'p' : 'q'}`)].join('\n') + '\n');
    for (const workers of ['1', '2']) {
      const r = cli('train', data, '--target', 'y', '--estimators', 'multinomial_nb', '--max-trials', '2', '--workers', workers, '--no-store', '--out', join(dir, `m${workers}`), '--json');
      expect(r.code, `--workers ${workers}: ${r.stderr}`).toBe(1);
      const error = JSON.parse(r.stdout).error as { code: string; message: string };
      expect(error.code).toBe('UNSUPPORTED_INPUT');
      expect(error.message).toMatch(/^Every trial failed: Estimator "multinomial_nb" needs non-negative features.*column "a"/);
    }
  });
});
