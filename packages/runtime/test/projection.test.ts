import { checkPace, definePlugin, silentLogger, type EstimatorDefinition, type Prediction } from '@autopipe/core';
import { describe, expect, it } from 'vitest';
import { PrepCache, Registry, createRuntime, evaluateCandidate, prepareRun, runFoldJob, type FoldExecutor, type FoldJob, type FoldSpec } from '../src/index.js';
import { meanEstimator, testPlugin, toyFrame } from './fakes.js';

/** Two "workers" whose every fold takes `ms`; an abort rejects the folds still running. */
function slowExecutor(registry: Registry, ms: number): FoldExecutor & { aborted: number } {
  const ex = {
    parallelism: 2, sharedMemory: false, aborted: 0,
    async run(_spec: FoldSpec, materialize: () => Promise<FoldJob>, signal?: AbortSignal): Promise<Prediction> {
      const job = await materialize();
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => { clearTimeout(t); ex.aborted++; reject(new Error('aborted')); }, { once: true });
      });
      return runFoldJob(registry, job, silentLogger);
    },
    async close() {},
  };
  return ex;
}

function setup(ms: number) {
  const registry = createRuntime({ plugins: [testPlugin] }).resolve(Registry);
  const { data, splits, available } = prepareRun(registry, { frame: toyFrame(), target: 'y', seed: 1, ignore: ['label'] }, silentLogger);
  const executor = slowExecutor(registry, ms);
  const args = {
    def: registry.estimator('mean'), candidate: { estimator: 'mean', params: { bias: 0 } }, data, splits, prep: new PrepCache(registry, data, splits, 1),
    metric: registry.metric('rmse'), trial: 2, seed: 1, logger: silentLogger, available, executor,
  };
  return { args, executor, splits };
}

describe('evaluateCandidate stops a trial that cannot finish in time', () => {
  it('aborts after the first round when the projection passes the deadline, and says by how much', async () => {
    const { args, executor, splits } = setup(400);
    expect(splits.length).toBe(5); // three rounds of two folds: ~1.2 s projected
    let projected: number | undefined;
    const t0 = Date.now();
    const res = await evaluateCandidate({ ...args, stopAt: t0 + 300, onProjected: (s) => { projected = s; } });
    expect(res).toBe('timeout');
    expect(projected).toBeGreaterThan(1.1);
    // The folds still running were aborted by the projection (the deadline's own abort would not report one).
    expect(executor.aborted).toBeGreaterThan(0);
  });

  it('lets a trial run that will finish in time, and does not project without a deadline', async () => {
    const { args } = setup(100);
    let projected: number | undefined;
    const res = await evaluateCandidate({ ...args, stopAt: Date.now() + 5000, onProjected: (s) => { projected = s; } });
    expect(res).not.toBe('timeout');
    expect(projected).toBeUndefined();
    const again = await evaluateCandidate({ ...args, stopAt: Infinity, onProjected: (s) => { projected = s; } });
    expect(again).not.toBe('timeout');
    expect(projected).toBeUndefined();
  });
});

/** Fits in 20 steps of `ms` each (busy, like a learner's loop), checking its pace after every step; counts the steps run. */
function pacedPlugin(ms: number, log: { steps: number; finishBy: (number | undefined)[] }) {
  const paced: EstimatorDefinition<{ bias: number }> = {
    ...meanEstimator, key: 'paced', description: 'test paced',
    fit(x, y, params, ctx) {
      log.finishBy.push(ctx.finishBy);
      const started = Date.now();
      for (let step = 1; step <= 20; step++) {
        const until = Date.now() + ms;
        while (Date.now() < until) { /* a step's work */ }
        log.steps++;
        checkPace(ctx, started, step, 20);
      }
      return meanEstimator.fit(x, y, params, ctx);
    },
  };
  return definePlugin({ name: '@test/paced', version: '1.0.0', core: '^0.1.0', provides: [paced] });
}

describe('evaluateCandidate with a learner that knows its pace', () => {
  function pacedSetup(ms: number) {
    const log = { steps: 0, finishBy: [] as (number | undefined)[] };
    const registry = createRuntime({ plugins: [testPlugin, pacedPlugin(ms, log)] }).resolve(Registry);
    const { data, splits, available } = prepareRun(registry, { frame: toyFrame(), target: 'y', seed: 1, ignore: ['label'] }, silentLogger);
    const args = {
      def: registry.estimator('paced'), candidate: { estimator: 'paced', params: { bias: 0 } }, data, splits, prep: new PrepCache(registry, data, splits, 1),
      metric: registry.metric('rmse'), trial: 2, seed: 1, logger: silentLogger, available, executor: slowExecutor(registry, 0),
    };
    return { args, log };
  }

  it('stops the trial within the first fold\'s first steps when they show the folds cannot finish in time', async () => {
    // 20 steps × 40 ms = 0.8 s a fold, three rounds: 2.4 s projected against 0.1 s allowed.
    const { args, log } = pacedSetup(40);
    let projected: number | undefined;
    const res = await evaluateCandidate({ ...args, stopAt: Date.now() + 100, onProjected: (s) => { projected = s; } });
    expect(res).toBe('timeout');
    expect(projected).toBeGreaterThan(2);
    // The first-round folds stopped after their first step rather than running their 20; the rest never started.
    expect(log.steps).toBeLessThanOrEqual(2);
    expect(log.finishBy.length).toBeGreaterThan(0);
    expect(log.finishBy.every((t) => t !== undefined)).toBe(true);
  });

  it('tells only the first round when it must finish, and lets a trial run that will finish in time', async () => {
    const { args, log } = pacedSetup(1);
    let projected: number | undefined;
    const t0 = Date.now();
    const res = await evaluateCandidate({ ...args, stopAt: t0 + 20_000, onProjected: (s) => { projected = s; } });
    expect(res).not.toBe('timeout');
    expect(projected).toBeUndefined();
    expect(log.steps).toBe(100);
    // Five folds on two slots: folds 0 and 1 get a third of the time (with the projection's margin), the rest none.
    expect(log.finishBy.filter((t) => t !== undefined)).toHaveLength(2);
    for (const t of log.finishBy.slice(0, 2)) expect(t! - t0).toBeLessThan(((20_000 + 500) * 1.25) / 3 + 1000);
    expect(log.finishBy.slice(2)).toEqual([undefined, undefined, undefined]);
  });
});
