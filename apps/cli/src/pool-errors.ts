import type { Piscina } from 'piscina';
import type { Logger } from '@autopipe/core';

/**
 * piscina emits 'error' on the pool when a thread answers a task it no longer tracks — a fold aborted because its trial
 * had already failed or run out of time, whose result crossed the abort — and for a thread that fails with no task.
 * Without a listener either one is an uncaught exception that kills the run (seen under load: `train` exited 1 with a
 * stack trace instead of the trial's error). Task failures still reach their callers through `run`'s promise.
 */
export function logPoolErrors(pool: Piscina, logger: Logger): void {
  pool.on('error', (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    if (message.startsWith('Unexpected message from Worker')) logger.debug(`worker pool: a result arrived for an aborted fold; ignored`);
    else logger.warn(`worker pool: ${message.split('\n')[0]}`);
  });
}
