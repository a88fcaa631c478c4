import { silentLogger, type Prediction } from '@autopipe/core';
import { describe, expect, it } from 'vitest';
import { PrepCache, Registry, createRuntime, evaluateCandidate, prepareRun, runFoldJob, type FoldExecutor, type FoldJob, type FoldSpec } from '../src/index.js';
import { testPlugin, toyFrame } from './fakes.js';

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
