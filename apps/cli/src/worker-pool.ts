import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Logger, Prediction } from '@autopipe/core';
import type { FoldExecutor, FoldJob, FoldSpec } from '@autopipe/runtime';
import { externalPlugins } from './external-plugins.js';
import { logPoolErrors } from './pool-errors.js';
import { remoteError } from './remote-error.js';
import { FOLD_WORKER } from './worker-files.js';

/** `--workers` default: one per core. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Fold fits on a pool of worker threads (piscina). Fold matrices arrive in shared memory, so a job posts a few
 * references, not the data. Threads start with the pool, while the main thread reads and prepares the data.
 */
export class WorkerPoolExecutor implements FoldExecutor {
  readonly sharedMemory = true;
  private readonly pool: Piscina;

  constructor(readonly parallelism: number, logger: Logger) {
    const externalEntries = externalPlugins().loaded.flatMap((p) => ('manifest' in p ? [p.from] : []));
    this.pool = new Piscina({
      filename: FOLD_WORKER,
      minThreads: parallelism, maxThreads: parallelism, idleTimeout: Infinity,
      workerData: { externalEntries },
    });
    logPoolErrors(this.pool, logger);
    logger.info(`trials run on ${parallelism} worker threads`);
  }

  async run(_spec: FoldSpec, materialize: () => Promise<FoldJob>, signal?: AbortSignal): Promise<Prediction> {
    const job = await materialize();
    try {
      return (await this.pool.run(job, signal ? { signal } : {})) as Prediction;
    } catch (e) {
      // A thread's AutopipeError arrives as a plain Error with its code in the message (see fold-worker.ts).
      if (signal?.aborted || !(e instanceof Error)) throw e;
      throw remoteError(e.message, 'fold job failed');
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
