import { hostname } from 'node:os';
import type { Command } from 'commander';
import type { Job } from 'bullmq';
import { Piscina } from 'piscina';
import type { Logger } from '@autopipe/core';
import { externalPlugins } from '../external-plugins.js';
import type { EncodedPrediction } from '../prediction-codec.js';
import { FOLD_QUEUE, openRedis, redactRedis } from '../redis-connection.js';
import type { RemoteFoldJob } from '../redis-executor.js';
import { logPoolErrors } from '../pool-errors.js';
import { unmark, workerFailure } from '../remote-error.js';
import type { GlobalOptions } from '../runtime.js';
import { REMOTE_FOLD_WORKER } from '../worker-files.js';
import { positiveInt } from './options.js';

interface WorkerFlags extends GlobalOptions { redis: string; concurrency: number }

/**
 * Stalled-job detection. The lock is renewed from the main thread, which only waits on fits running in threads, so
 * a live worker always renews it; a killed one stops, and after LOCK_MS another worker's check (every STALLED_CHECK_MS)
 * puts the job back in the queue. A job may lose its worker MAX_STALLED times before it fails.
 */
const LOCK_MS = 5000;
const STALLED_CHECK_MS = 2000;
const MAX_STALLED = 2;

/** A long-running process must not collect warnings in memory (the CLI logger does, for --json reports). */
function workerLogger(f: GlobalOptions): Logger {
  const write = (line: string) => process.stderr.write(`${line}\n`);
  return {
    debug: (m) => { if (f.verbose) write(`debug: ${m}`); },
    info: (m) => { if (!f.quiet) write(m); },
    warn: (m) => write(`warning: ${m}`),
  };
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const on = (s: NodeJS.Signals) => () => { process.off('SIGTERM', term); process.off('SIGINT', int); done(s); };
    const term = on('SIGTERM');
    const int = on('SIGINT');
    process.once('SIGTERM', term);
    process.once('SIGINT', int);
  });
}

export function registerWorker(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('worker')
    .description('fit the folds of `autopipe train --redis` runs, taken from a BullMQ queue on Redis, until stopped (SIGTERM/Ctrl-C)')
    .requiredOption('--redis <url>', 'the Redis the coordinating `train --redis` uses: redis://[user:password@]host:6379 (rediss:// for TLS)')
    .option('--concurrency <n>', 'folds fitted at once, each on its own thread (each thread keeps its own copy of the data)', positiveInt('--concurrency'), 1)
    .option('-q, --quiet', 'print only warnings')
    .option('-v, --verbose', 'print a line per job')
    .addHelpText('after', [
      '',
      'Every worker reads the training data itself: the source path or URL given to `train` must be readable here',
      '(same path on a shared disk, or a URL), with the same plugins (--plugin / autopipe.config.*). A local file is',
      'sent as an absolute path. A worker that dies mid-job has its job handed to another worker within ~10 s.',
    ].join('\n'))
    .action((f: WorkerFlags) => run(async () => {
      const logger = workerLogger(f);
      const shown = redactRedis(f.redis);
      const redis = await openRedis(f.redis, logger);
      const externalEntries = externalPlugins().loaded.flatMap((p) => ('manifest' in p ? [p.from] : []));
      const pool = new Piscina({
        filename: REMOTE_FOLD_WORKER,
        minThreads: f.concurrency, maxThreads: f.concurrency, idleTimeout: Infinity, workerData: { externalEntries },
      });
      logPoolErrors(pool, logger);
      const fitFold = async (job: Job<RemoteFoldJob>): Promise<EncodedPrediction> => {
        const { spec } = job.data;
        const t0 = Date.now();
        logger.debug(`job ${job.id} started: trial ${spec.trial} fold ${spec.fold} ${spec.estimator}`);
        try {
          const out = (await pool.run(job.data)) as EncodedPrediction;
          logger.debug(`job ${job.id} done in ${((Date.now() - t0) / 1000).toFixed(2)}s`);
          return out;
        } catch (e) {
          const { message } = unmark(e instanceof Error ? e.message : String(e));
          logger.warn(`job ${job.id} (trial ${spec.trial} fold ${spec.fold} ${spec.estimator}) failed: ${message}`);
          // The coordinator reports this as the trial's error: say which machine could not do it (e.g. read the data).
          throw workerFailure(e, `${hostname()} (pid ${process.pid})`);
        }
      };
      const { Worker } = await import('bullmq');
      const worker = new Worker<RemoteFoldJob, EncodedPrediction>(FOLD_QUEUE, fitFold, {
        connection: redis, concurrency: f.concurrency, lockDuration: LOCK_MS, stalledInterval: STALLED_CHECK_MS, maxStalledCount: MAX_STALLED,
      });
      worker.on('error', (e) => logger.warn(`Redis at ${shown}: ${e.message}`));
      await worker.waitUntilReady();
      logger.info(`worker ready: fitting folds from ${shown} (queue ${FOLD_QUEUE}), ${f.concurrency} at a time`);
      const signal = await untilSignal();
      // A second signal stops at once; the jobs still running are then retried by other workers after LOCK_MS.
      const now = () => { logger.warn('stopping now; unfinished jobs go to other workers'); process.exit(130); };
      process.once('SIGTERM', now);
      process.once('SIGINT', now);
      logger.info(`${signal}: finishing the jobs in flight, then stopping (again to stop now)`);
      await worker.close();
      await pool.destroy();
      await redis.quit().catch(() => undefined);
      process.off('SIGTERM', now);
      process.off('SIGINT', now);
      logger.info('worker stopped');
    }));
}
