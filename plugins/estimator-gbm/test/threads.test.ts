import { describe, expect, it } from 'vitest';
import { Rng, type Matrix, type Target } from '@autopipe/core';
import { fitGbm } from '../src/booster.js';
import { fitGbmThreaded } from '../src/fit-threaded.js';
import type { GbmModel } from '../src/gbm-model.js';
import { defaults, type GbmParams } from '../src/params.js';
import { liveWorkers, type ThreadTeam } from '../src/thread-team.js';
import { classes, ctx, fit, fitRaw, matrix, regression } from './helpers.js';

/** 3,000 rows × 7 features (an odd count, so thread shares differ), 3% missing, one additive signal. */
function problem(seed: number): { x: Matrix; f: Float64Array } {
  const rng = new Rng(seed);
  const n = 3000;
  const cols = Array.from({ length: 7 }, () => Float64Array.from({ length: n }, () => rng.next() * 4 - 2));
  const f = Float64Array.from({ length: n }, (_, i) => Math.sin(cols[0][i] * 2) + cols[1][i] * cols[2][i] + (cols[3][i] > 0.5 ? 1 : -0.5) + 0.3 * rng.next());
  for (const c of cols) for (let i = 0; i < n; i++) if (rng.next() < 0.03) c[i] = NaN;
  return { x: matrix(cols), f };
}

const { x, f } = problem(11);
const cut = (q: number): number => [...f].sort((a, b) => a - b)[Math.floor(q * f.length)];
const targets: Record<string, Target> = {
  binary: classes(Array.from(f, (v) => (v > cut(0.5) ? 1 : 0)), 2),
  multiclass: classes(Array.from(f, (v) => (v > cut(0.66) ? 2 : v > cut(0.33) ? 1 : 0)), 3),
  regression: regression(f),
};

/** Every number predict reads (the state), as one list, for exact comparison. */
function modelNumbers(m: GbmModel): number[] {
  const t = m.contents.trees;
  const b = m.contents.bins;
  return [...b.edges, ...b.offsets, ...t.feature, ...t.threshold, ...t.missingLeft, ...t.left, ...t.right, ...t.value, ...m.contents.init, ...m.contents.importances];
}

function rawBits(m: GbmModel): Uint32Array {
  return new Uint32Array(m.rawScores(x).buffer);
}

describe('gbm with n_threads > 1 (histograms built on worker threads)', () => {
  const params: Partial<GbmParams> = { n_estimators: 30, max_leaves: 15, min_samples_leaf: 5, early_stopping: 'false' };

  for (const [task, y] of Object.entries(targets)) {
    it(`fits the same model, bit for bit, as n_threads 1 (${task})`, async () => {
      const one = fitRaw(x, y, params);
      for (const threads of [2, 3]) {
        let team: ThreadTeam | null = null;
        // minUpdates 0: every histogram build, down to the smallest node, is shared out over the threads;
        // minBinValues 0: bin edges are found on all threads, each taking a share of the columns.
        const many = await fitGbmThreaded(x, y, { ...defaults, ...params, n_threads: threads }, { ...ctx, task: task as 'binary' }, { minValues: 0, minUpdates: 0, minBinValues: 0, onTeam: (t) => (team = t) });
        expect(team!.dispatches).toBeGreaterThan(30);
        expect(team!.preludes).toHaveLength(threads - 1);
        expect(modelNumbers(many)).toEqual(modelNumbers(one));
        expect(rawBits(many)).toEqual(rawBits(one));
      }
      expect(liveWorkers()).toBe(0);
    });
  }

  it('with row and column subsampling and early stopping too', async () => {
    const p = { ...params, subsample: 0.7, colsample: 0.6, early_stopping: 'true', n_iter_no_change: 3 };
    const one = fitRaw(x, targets.multiclass, p);
    const two = await fitGbmThreaded(x, targets.multiclass, { ...defaults, ...p, n_threads: 2 }, { ...ctx, task: 'multiclass' }, { minValues: 0, minUpdates: 0, minBinValues: 0 });
    expect(two.nIterations).toBe(one.nIterations);
    expect(modelNumbers(two)).toEqual(modelNumbers(one));
    expect(liveWorkers()).toBe(0);
  });

  it('through the estimator, at the default thresholds (34,000 × 30 values: the worker builds histograms)', async () => {
    const rng = new Rng(3);
    const n = 34_000;
    const cols = Array.from({ length: 30 }, () => Float64Array.from({ length: n }, () => rng.next()));
    const big = matrix(cols);
    const y = regression(Float64Array.from({ length: n }, (_, i) => cols[0][i] * 3 + Math.sin(cols[1][i] * 6) + 0.1 * rng.next()));
    const p = { n_estimators: 8, early_stopping: 'false' };
    const one = await fit(big, y, p);
    const two = await fit(big, y, { ...p, n_threads: 2 });
    const [a, b] = [one.predict(big), two.predict(big)];
    if (a.kind !== 'regression' || b.kind !== 'regression') throw new Error('expected regression');
    expect(new Uint32Array(b.values.buffer)).toEqual(new Uint32Array(a.values.buffer));
    expect(liveWorkers()).toBe(0);
  });

  it('shuts its workers down when the fit throws', async () => {
    const failing = { ...ctx, task: 'regression' as const, logger: { ...ctx.logger, debug: () => { throw new Error('logger broke'); } } };
    await expect(fitGbmThreaded(x, targets.regression, { ...defaults, ...params, n_threads: 2 }, failing, { minValues: 0, minUpdates: 0 })).rejects.toThrow('logger broke');
    expect(liveWorkers()).toBe(0);
    // Thrown before any worker started.
    await expect(fit(x, classes(new Int32Array(3000), 1), { n_threads: 2 })).rejects.toThrow(/at least two classes/);
    expect(liveWorkers()).toBe(0);
  });

  it('fails with a clear error, instead of hanging, when a worker thread stops during the fit', async () => {
    // Terminated once it is ready, i.e. while the fitting thread shares out builds and waits on it: the fitting
    // thread is blocked in Atomics.wait and never sees the 'exit' event, so only the watchdog can notice. Without
    // it this test hangs until its timeout (2,000 rounds would take far longer than the failure).
    let terminated: Promise<number> | null = null;
    const err = await fitGbmThreaded(x, targets.binary, { ...defaults, ...params, n_estimators: 2000, n_threads: 2 }, { ...ctx, task: 'binary' }, {
      minValues: 0, minUpdates: 0,
      onTeam: (team) => void team.ready.then(() => (terminated = team.workerThreads[0].terminate())),
    }).catch((e: unknown) => e);
    expect(terminated).not.toBeNull();
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/worker thread stopped during the fit.*n_threads: 1/);
    expect(liveWorkers()).toBe(0);
  });

  it('logs how long binning, waiting for the workers and boosting took (read by tools/bench/gbm.mjs)', async () => {
    const logged: Record<string, unknown>[] = [];
    const logger = { ...ctx.logger, debug: (m: string, f?: Record<string, unknown>) => void (m === 'gbm phases' && logged.push(f!)) };
    const p = { ...defaults, ...params, n_estimators: 3 };
    fitGbm(x, targets.regression, p, { ...ctx, logger, task: 'regression' });
    await fitGbmThreaded(x, targets.regression, { ...p, n_threads: 2 }, { ...ctx, logger, task: 'regression' }, { minValues: 0 });
    expect(logged.map((f) => Object.keys(f).sort())).toEqual([
      ['binned', 'boost', 'threads'],
      ['binned', 'boost', 'ready', 'threads', 'workersStarted'],
    ]);
    expect(logged.map((f) => f.threads)).toEqual([1, 2]);
    for (const f of logged) for (const v of Object.values(f)) expect(v).toBeGreaterThanOrEqual(0);
    expect(liveWorkers()).toBe(0);
  });

  it('rejects a thread count that is not a positive integer', async () => {
    await expect(fit(x, targets.regression, { n_threads: 0 })).rejects.toThrow(/n_threads/);
    await expect(fit(x, targets.regression, { n_threads: 1.5 })).rejects.toThrow(/n_threads/);
  });
});
