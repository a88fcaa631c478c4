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
  /** Aborted when the time budget is spent; long loops should check it and stop early. */
  readonly signal?: AbortSignal;
}

export function defaultContext(seed = 0): RunContext {
  return { seed, logger: silentLogger };
}
