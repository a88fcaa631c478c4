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
}

/** Whether a long-running loop should stop now: the run was aborted or its deadline has passed. */
export function isExpired(ctx: Pick<RunContext, 'signal' | 'deadline'>): boolean {
  return Boolean(ctx.signal?.aborted) || (ctx.deadline !== undefined && Date.now() > ctx.deadline);
}

export function defaultContext(seed = 0): RunContext {
  return { seed, logger: silentLogger };
}
