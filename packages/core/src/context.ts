import { AutopipeError, isAutopipeError } from './errors.js';

/** Structured log sink; the CLI decides how (and whether) to print. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {} };

/** What every plugin call receives: the seed for its random choices, a logger, and a signal for budgets. */
export interface RunContext {
  readonly seed: number;
  readonly logger: Logger;
  /** Aborted when the run is cancelled; long loops should check `isExpired(ctx)` and stop early. */
  readonly signal?: AbortSignal;
  /**
   * Wall-clock time (`Date.now()` milliseconds) after which the caller no longer wants the result: the time budget
   * or a per-trial timeout. Fitting is synchronous, so a timer cannot interrupt it — loops must look themselves.
   */
  readonly deadline?: number;
  /**
   * Wall-clock time by which the caller needs the result for it to be of use at all — e.g. a trial's first folds,
   * whose pace shows whether the whole trial can finish in its time. A loop that knows its own pace (trees of a
   * forest) calls `checkPace` and stops at once when it cannot make it; unlike `deadline`, no partial result is wanted.
   */
  readonly finishBy?: number;
}

/** Whether a long-running loop should stop now: the run was aborted or its deadline has passed. */
export function isExpired(ctx: Pick<RunContext, 'signal' | 'deadline'>): boolean {
  return Boolean(ctx.signal?.aborted) || (ctx.deadline !== undefined && Date.now() > ctx.deadline);
}

/**
 * Throws a `TOO_SLOW` error when `done` of `total` equal steps, begun at `startedMs`, project to finish after
 * `ctx.finishBy`. Call it after each step; it does nothing without `finishBy` or before the first step is done.
 */
export function checkPace(ctx: Pick<RunContext, 'finishBy'>, startedMs: number, done: number, total: number): void {
  if (ctx.finishBy === undefined || done <= 0 || done >= total) return;
  const now = Date.now();
  const projectedEnd = now + ((now - startedMs) / done) * (total - done);
  if (projectedEnd <= ctx.finishBy) return;
  const seconds = (projectedEnd - startedMs) / 1000;
  throw new AutopipeError('TOO_SLOW', `stopped after ${done} of ${total} steps: projected ${seconds.toFixed(1)}s, past the time it was needed by`, { projectedSeconds: seconds });
}

/**
 * The projected seconds of a `TOO_SLOW` error, else undefined. An error that crossed a thread or a queue comes back
 * with its code but without its details, so the figure is then read from the message (Infinity if it is not there).
 */
export function tooSlowSeconds(e: unknown): number | undefined {
  if (!isAutopipeError(e) || e.code !== 'TOO_SLOW') return undefined;
  if (typeof e.details.projectedSeconds === 'number') return e.details.projectedSeconds;
  const m = /projected ([0-9.]+)s/.exec(e.message);
  return m ? Number(m[1]) : Infinity;
}

export function defaultContext(seed = 0): RunContext {
  return { seed, logger: silentLogger };
}
