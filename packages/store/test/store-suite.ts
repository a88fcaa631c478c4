import { describe, expect, it } from 'vitest';
import { classPrediction } from '@autopipe/core';
import type { TrialRecord } from '@autopipe/runtime';
import { replayMap } from '../src/replay.js';
import type { ExperimentStore } from '../src/sql-store.js';

const steps = [{ transformer: 'impute.numeric', columns: ['a', 'b'], params: { strategy: 'median' } }];

/** Trials covering every status and the awkward numbers (NaN std, key order that jsonb would change). */
export function sampleTrials(): TrialRecord[] {
  return [
    {
      trial: 1, candidate: { estimator: 'logistic', params: { zeta_long: 1, a: 0.1, penalty: 'l2', fit_intercept: true } }, status: 'ok',
      score: 0.8123456789012345, std: 0.0123, foldScores: [0.8, 0.81, 0.83], steps, seconds: 0.25,
      oof: classPrediction(['no', 'yes'], new Float64Array([0.9, 0.1, 0.3, 0.7, 0.5, 0.5])),
    },
    { trial: 2, candidate: { estimator: 'knn', params: { k: 5 } }, status: 'failed', seconds: 0.01, error: 'singular matrix' },
    {
      trial: 3, candidate: { estimator: 'tree', params: { max_depth: 3 } }, status: 'ok', score: 0.7, std: Number.NaN, foldScores: [0.7],
      steps: [], seconds: 0.5, oof: classPrediction(['no', 'yes'], new Float64Array([0.2, 0.8, 0.6, 0.4, 1, 0])),
    },
    { trial: 4, candidate: { estimator: 'mlp', params: { lr: 1e-4 } }, status: 'timeout', seconds: 3, error: 'exceeded --trial-timeout 3s' },
  ];
}

/** The same behaviour for every store implementation. */
export function describeStore(name: string, open: () => Promise<ExperimentStore>): void {
  describe(`${name} experiment store`, () => {
    it('creates a run with its options, redacting passwords in the source', async () => {
      const store = await open();
      const run = await store.createRun({
        source: 'postgres://me:secret@db/x?table=t', target: 'y', seed: 4294967295, options: { timeBudget: 60, estimators: ['a', 'b'], ensemble: false },
        modelDir: '/tmp/m', host: 'h', pid: 123,
      });
      expect(run.id).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}$/);
      expect(run).toMatchObject({
        status: 'running', source: 'postgres://me:***@db/x?table=t', target: 'y', seed: 4294967295, task: null, metric: null,
        options: { timeBudget: 60, estimators: ['a', 'b'], ensemble: false }, modelDir: '/tmp/m', autopipeVersion: '0.1.0', sessions: 1, spentSeconds: 0,
        host: 'h', pid: 123, result: null, finishedAt: null,
      });
      await store.close();
    });

    it('stores every trial exactly and replays finished and failed ones, not timeouts', async () => {
      const store = await open();
      const run = await store.createRun({ source: 'data.csv', target: 'y', seed: 1, options: {} });
      const records = sampleTrials();
      for (const [i, r] of records.entries()) await store.recordTrial(run.id, 1, r, 1.5 * (i + 1));
      const back = await store.trials(run.id, { oof: true });
      expect(back.map((t) => t.trial)).toEqual([1, 2, 3, 4]);
      for (const [i, t] of back.entries()) {
        const { runId, session, recordedAt, ...rest } = t;
        expect(runId).toBe(run.id);
        expect(session).toBe(1);
        expect(Number.isNaN(Date.parse(recordedAt))).toBe(false);
        expect(rest).toEqual(records[i]);
      }
      // Key order survives: the trainer compares candidates by their JSON text.
      expect(JSON.stringify(back[0].candidate)).toBe(JSON.stringify(records[0].candidate));
      expect(Number.isNaN(back[2].std!)).toBe(true);
      expect((await store.trials(run.id))[0].oof).toBeUndefined();
      expect((await store.getRun(run.id)).spentSeconds).toBe(6);
      expect([...replayMap(back).keys()]).toEqual([1, 2, 3]);
      expect(replayMap(back).get(2)).toEqual(records[1]);
      await store.close();
    });

    it('a re-evaluated trial replaces its earlier row', async () => {
      const store = await open();
      const run = await store.createRun({ source: 'data.csv', target: 'y', seed: 1, options: {} });
      const [, , , timeout] = sampleTrials();
      await store.recordTrial(run.id, 1, timeout, 3);
      await store.recordTrial(run.id, 2, { ...timeout, status: 'ok', score: 0.5, std: 0, foldScores: [0.5], steps: [], seconds: 2, error: undefined }, 5);
      const t = await store.trials(run.id);
      expect(t).toHaveLength(1);
      expect(t[0]).toMatchObject({ session: 2, status: 'ok', score: 0.5 });
      expect(t[0].error).toBeUndefined();
      await store.close();
    });

    it('resume, stop and finish move the run through its statuses', async () => {
      const store = await open();
      const run = await store.createRun({ source: 'data.csv', target: 'y', seed: 1, options: {} });
      await store.describeRun(run.id, { metric: 'auc' });
      await store.stopRun(run.id, 'interrupted', null, 12.5);
      expect(await store.getRun(run.id)).toMatchObject({ status: 'interrupted', spentSeconds: 12.5, metric: 'auc', task: null });
      const resumed = await store.resumeRun(run.id, { host: 'other', pid: 7 });
      expect(resumed).toMatchObject({ status: 'running', sessions: 2, host: 'other', pid: 7, finishedAt: null, spentSeconds: 12.5 });
      const row = { rank: 1, trial: 1, estimator: 'logistic', params: { c: 1 }, score: 0.8, std: Number.NaN, foldScores: [0.8], seconds: 1, steps: [] };
      await store.finishRun(run.id, {
        leaderboard: [row], failures: [], chosen: { kind: 'pipeline', estimator: 'logistic', trial: 1, score: 0.8 }, artifact: '/m',
        stoppedBecause: 'max trials', seconds: { search: 1, refit: 0.5, total: 1.5 },
      }, 20, { task: 'binary', metric: 'auc' });
      const done = await store.getRun(run.id);
      expect(done).toMatchObject({ status: 'finished', task: 'binary', spentSeconds: 20, error: null });
      expect(done.finishedAt).not.toBeNull();
      expect(done.result).toEqual({
        leaderboard: [row], failures: [], chosen: { kind: 'pipeline', estimator: 'logistic', trial: 1, score: 0.8 }, artifact: '/m',
        stoppedBecause: 'max trials', seconds: { search: 1, refit: 0.5, total: 1.5 },
      });
      await store.close();
    });

    it('finds runs by unique prefix, lists newest first with trial counts, and names the store for unknown ids', async () => {
      const store = await open();
      const a = await store.createRun({ source: 'a.csv', target: 'y', seed: 1, options: {} });
      await new Promise((r) => setTimeout(r, 5));
      const b = await store.createRun({ source: 'b.csv', target: 'y', seed: 2, options: {} });
      for (const r of sampleTrials()) await store.recordTrial(b.id, 1, r, 1);
      expect((await store.getRun(b.id.slice(0, b.id.length - 2))).id).toBe(b.id);
      const list = await store.listRuns();
      const ib = list.findIndex((r) => r.id === b.id);
      const ia = list.findIndex((r) => r.id === a.id);
      expect(ib).toBeGreaterThanOrEqual(0);
      expect(ib).toBeLessThan(ia);
      expect(list[ib]).toMatchObject({ trials: 4, okTrials: 2 });
      expect(list[ia]).toMatchObject({ trials: 0, okTrials: 0 });
      await expect(store.getRun('nope')).rejects.toThrow(/No run "nope" in the experiment store .*autopipe runs list/);
      await expect(store.getRun('2')).rejects.toThrow(/matches several runs/);
      await store.close();
    });
  });
}
