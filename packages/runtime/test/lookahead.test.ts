import { Rng, definePlugin, type Prediction, type SearcherDefinition, type TrialResult } from '@autopipe/core';
import { describe, expect, it } from 'vitest';
import { Registry, Trainer, createRuntime, runFoldJob, type FoldExecutor, type TrainOptions, type TrialRecord } from '../src/index.js';
import { testPlugin, toyFrame } from './fakes.js';

/**
 * A searcher whose every ask depends on what it was told before, and in which order: if the trainer's ask/tell
 * sequence depended on which fold finished first, the asked biases (and so the leaderboard) would differ.
 */
function adaptive(log: string[]): SearcherDefinition {
  return {
    kind: 'searcher', key: 'adaptive', description: 'asks depend on the order of tells',
    create(domain) {
      const told: TrialResult[] = [];
      const est = domain.estimators[0];
      return {
        ask() {
          const h = told.reduce((a, t, i) => a + (i + 1) * (t.loss ?? 5) + t.id * 0.001, 0);
          const bias = Math.round(((0.37 * told.length + 0.013 * h) % 1) * 1e6) / 1e6;
          log.push(`ask ${bias}`);
          return { estimator: est.key, params: { ...est.defaults, bias } };
        },
        tell(r) {
          told.push(r);
          log.push(`tell ${r.id}`);
        },
      };
    },
  };
}

interface Recorder extends FoldExecutor {
  /** 'start t.f' and 'end t.f' in the order they happened. */
  readonly events: string[];
  running: number;
}

/**
 * Fits folds in this thread, but lets each finish after a seeded random delay: folds (and trials) complete in an
 * order unrelated to the order they were submitted. `fail` makes every fold of a trial fail.
 */
function shuffling(registry: Registry, parallelism: number, seed: number, fail?: (trial: number) => boolean): Recorder {
  const rng = new Rng(seed);
  const silent = { debug() {}, info() {}, warn() {} };
  const ex: Recorder = {
    parallelism, sharedMemory: false, events: [], running: 0,
    async run(spec, materialize) {
      const tag = `${spec.trial}.${spec.fold}`;
      ex.events.push(`start ${tag}`);
      ex.running++;
      const delay = rng.int(12);
      try {
        const p: Prediction = await runFoldJob(registry, await materialize(), silent);
        await new Promise((r) => setTimeout(r, delay));
        if (fail?.(spec.trial)) throw new Error(`trial ${spec.trial} failed`);
        return p;
      } finally {
        ex.running--;
        ex.events.push(`end ${tag}`);
      }
    },
    close: () => Promise.resolve(),
  };
  return ex;
}

async function run(o: Partial<TrainOptions>, executor?: (r: Registry) => FoldExecutor) {
  const log: string[] = [];
  const observed: number[] = [];
  const c = createRuntime({ plugins: [testPlugin, definePlugin({ name: '@test/adaptive', version: '1.0.0', core: '^0.1.0', provides: [adaptive(log)] })] });
  const ex = executor?.(c.resolve(Registry));
  const r = await c.resolve(Trainer).train({
    frame: toyFrame(), target: 'y', timeBudget: 60, seed: 3, maxTrials: 9, searcher: 'adaptive', ensemble: false,
    observer: { trial: (t: TrialRecord) => observed.push(t.trial) }, ...(ex ? { executor: ex } : {}), ...o,
  });
  const board = r.leaderboard.map((x) => `${x.trial} ${x.params.bias} ${x.score}`);
  return { r, log, observed, board, ex: ex as Recorder | undefined, failures: r.failures.map((f) => `${f.trial} ${f.error}`) };
}

describe('one-trial lookahead', () => {
  it('asks trial t+1 before telling t, in every mode: the leaderboard does not depend on the executor or fold order', async () => {
    const base = await run({});
    expect(base.log.slice(0, 6)).toEqual([base.log[0], base.log[1], 'tell 1', base.log[3], 'tell 2', base.log[5]]);
    expect(base.log.filter((l) => l.startsWith('tell'))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((t) => `tell ${t}`));
    expect(base.observed).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const [parallelism, seed] of [[1, 1], [2, 1], [2, 2], [3, 5], [5, 7]]) {
      const other = await run({}, (reg) => shuffling(reg, parallelism, seed));
      expect(other.log).toEqual(base.log);
      expect(other.board).toEqual(base.board);
      expect(other.observed).toEqual(base.observed);
      // Never more folds at once than the executor has slots, and nothing left running after the search.
      expect(other.ex!.running).toBe(0);
      expect(other.ex!.events.filter((e) => e.startsWith('start')).length).toBe(9 * 5);
      if (parallelism > 1) {
        // The next trial's folds really overlap the current one's last round.
        const at = (e: string) => other.ex!.events.indexOf(e);
        const overlaps = [1, 2, 3, 4, 5, 6, 7, 8].filter((t) => at(`start ${t + 1}.0`) < Math.max(...[0, 1, 2, 3, 4].map((f) => at(`end ${t}.${f}`))));
        expect(overlaps.length).toBeGreaterThan(0);
      }
    }
  });

  it('keeps failures, early stopping and the trial budget identical, and abandons the trial asked ahead', async () => {
    const fail = (t: number) => t === 2 || t === 5;
    const seq = await run({ earlyStoppingRounds: 3, maxTrials: 20 }, (reg) => shuffling(reg, 1, 1, fail));
    for (const [parallelism, seed] of [[2, 3], [3, 4]]) {
      const par = await run({ earlyStoppingRounds: 3, maxTrials: 20 }, (reg) => shuffling(reg, parallelism, seed, fail));
      expect(par.r.stoppedBecause).toBe(seq.r.stoppedBecause);
      expect(par.log).toEqual(seq.log);
      expect(par.board).toEqual(seq.board);
      expect(par.failures).toEqual(seq.failures);
      expect(par.observed).toEqual(seq.observed);
      expect(par.ex!.running).toBe(0);
    }
    expect(seq.r.stoppedBecause).toBe('no improvement');
    expect(seq.failures.map((f) => f.split(' ')[0])).toEqual(['2', '5']);
    // The trial asked ahead of the last one told is never told, observed or put on the leaderboard.
    const told = seq.log.filter((l) => l.startsWith('tell')).length;
    expect(seq.log.filter((l) => l.startsWith('ask')).length).toBe(told + 1);
    expect(seq.observed.length).toBe(told);
  });

  it('replays a resumed run without refitting its trials, whatever runs the rest', async () => {
    const full = await run({});
    const records = new Map<number, TrialRecord>();
    const first = await run({ maxTrials: 4, observer: { trial: (t) => records.set(t.trial, t) } });
    expect(first.board).toEqual(full.board.filter((b) => Number(b.split(' ')[0]) <= 4).sort((a, b) => first.board.indexOf(a) - first.board.indexOf(b)));
    const resumed = await run({ replay: records }, (reg) => shuffling(reg, 2, 9));
    expect(resumed.board).toEqual(full.board);
    expect(resumed.log).toEqual(full.log);
    // Only trials 5..9 ran folds.
    expect(new Set(resumed.ex!.events.map((e) => Number(e.split(' ')[1].split('.')[0])))).toEqual(new Set([5, 6, 7, 8, 9]));
  });
});
