import { fitEstimator, type Logger, type Matrix, type Params, type Prediction, type Target } from '@autopipe/core';
import type { StepSpec } from './planner.js';
import type { Registry } from './registry.js';

/**
 * One fold of one trial: fit the estimator on the fold's preprocessed training rows and predict its validation rows.
 * Plain data (typed arrays, strings, numbers), so it can cross to a worker thread or another machine.
 */
export interface FoldJob {
  readonly estimator: string;
  readonly params: Params;
  readonly xTrain: Matrix;
  readonly yTrain: Target;
  readonly xValid: Matrix;
  readonly seed: number;
  /** Wall-clock deadline (ms) the learner may check to stop early. */
  readonly deadline?: number;
  /** Wall-clock time (ms) the fold must finish by for its trial to finish in time (`RunContext.finishBy`). */
  readonly finishBy?: number;
}

/**
 * A fold fit without its data: which trial, fold, estimator, params and preprocessing. A process that holds the same
 * training data and options (see `prepareRun`) rebuilds the exact job from it (`foldJob`), so remote workers receive
 * specs, not matrices. The fit's seed derives from `seed`, `trial` and `fold`.
 */
export interface FoldSpec {
  readonly trial: number;
  readonly fold: number;
  readonly estimator: string;
  readonly params: Params;
  readonly steps: readonly StepSpec[];
  /** The run's seed. */
  readonly seed: number;
  readonly fidelity?: number;
  readonly deadline?: number;
  /** Milliseconds the fold has from when it starts: its job's `finishBy` is set when it is built, as the fold starts. */
  readonly finishWithin?: number;
}

/**
 * Where fold fits run. The trainer evaluates the folds of a trial concurrently up to `parallelism` (and, when a slot
 * idles, the next trial's), and asks and tells the searcher in a fixed order (ask t+1, then tell t), so the
 * leaderboard for a seed does not depend on how many workers ran it or which fold finished first.
 * Apps supply pools of worker threads or remote workers; `signal` aborts a job that overran its trial's time.
 */
export interface FoldExecutor {
  readonly parallelism: number;
  /** Whether the trainer should put fold matrices in shared memory (worker threads read them without copies). */
  readonly sharedMemory: boolean;
  /** Runs one fold; local executors call `materialize` for the matrices, remote ones send `spec`. */
  run(spec: FoldSpec, materialize: () => Promise<FoldJob>, signal?: AbortSignal): Promise<Prediction>;
  close(): Promise<void>;
}

/** Runs one fold job with the given registry: what every executor, local or remote, ends up calling. */
export async function runFoldJob(registry: Registry, job: FoldJob, logger: Logger): Promise<Prediction> {
  const ctx = { seed: job.seed, logger, ...(job.deadline !== undefined ? { deadline: job.deadline } : {}), ...(job.finishBy !== undefined ? { finishBy: job.finishBy } : {}) };
  const model = await fitEstimator(registry.estimator(job.estimator), job.xTrain, job.yTrain, job.params, ctx);
  // The fold's predictions are part of its time: a learner that predicts slowly (kNN) checks that pace too.
  return model.predict(job.xValid, job.finishBy !== undefined ? { finishBy: job.finishBy } : undefined);
}

/** Runs folds in this thread, one at a time (the default, and what `--workers 1` means). */
export class InProcessExecutor implements FoldExecutor {
  readonly parallelism = 1;
  readonly sharedMemory = false;
  constructor(private readonly registry: Registry, private readonly logger: Logger) {}
  async run(_spec: FoldSpec, materialize: () => Promise<FoldJob>): Promise<Prediction> {
    return runFoldJob(this.registry, await materialize(), this.logger);
  }
  async close(): Promise<void> {}
}

/** The matrix with its values moved into a SharedArrayBuffer, so posting it to worker threads shares instead of copying. */
export function shareMatrix(m: Matrix): Matrix {
  if (m.data.buffer instanceof SharedArrayBuffer) return m;
  const data = new Float64Array(new SharedArrayBuffer(m.data.byteLength));
  data.set(m.data);
  return { rows: m.rows, cols: m.cols, names: m.names, data };
}
