import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, titanic } from './cli.js';

interface Row { rank: number; trial: number; estimator: string; params: Record<string, unknown>; score: number; fidelity?: number }

/**
 * Multi-fidelity search end to end (`--searcher asha`, @autopipe/searcher-hyperband): trials fitted on a fraction of
 * the rows appear on the leaderboard, always after the full-fidelity rows, and the saved model is a full-fidelity one.
 */
describe('train --searcher asha', () => {
  it('ranks reduced-fidelity trials after full ones and saves a full-fidelity leader', () => {
    const out = join(tempDir('asha'), 'model');
    const r = cli('train', titanic, '--target', 'Survived', '--searcher', 'asha', '--max-trials', '20', '--estimators', 'logistic,decision_tree',
      '--no-ensemble', '--workers', '1', '--no-store', '--seed', '3', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { leaderboard: Row[] };
    const board = result.leaderboard;
    const partial = board.filter((row) => row.fidelity !== undefined);
    const full = board.filter((row) => row.fidelity === undefined);
    expect(partial.length).toBeGreaterThan(0);
    expect(full.length).toBeGreaterThan(0);
    // The rungs below full fidelity, η = 3 from 1/27.
    for (const row of partial) expect([1 / 27, 1 / 9, 1 / 3]).toContain(row.fidelity);
    expect(Math.max(...full.map((row) => row.rank))).toBeLessThan(Math.min(...partial.map((row) => row.rank)));
    // The saved model is the leader: a full-fidelity trial.
    expect(board[0].fidelity).toBeUndefined();
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { pipeline: { estimator: { key: string; params: unknown } }; score: { value: number } };
    expect(manifest.pipeline.estimator).toEqual({ key: board[0].estimator, params: board[0].params });
    expect(manifest.score.value).toBe(board[0].score);
  });
});
