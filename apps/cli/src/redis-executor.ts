import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ColumnType, Logger, Prediction, Task } from '@autopipe/core';
import type { FoldExecutor, FoldJob, FoldSpec } from '@autopipe/runtime';
import { decodePrediction, type EncodedPrediction } from './prediction-codec.js';
import { FOLD_QUEUE, openRedis, redactRedis } from './redis-connection.js';
import { remoteError } from './remote-error.js';

/**
 * What a worker needs to rebuild a run's training data and splits exactly as the coordinator has them: the source
 * (a path or URI every worker can read) and every option that fixes rows, columns and folds (see `prepareRun`).
 */
export interface RunData {
  readonly source: string;
  readonly format?: string;
  readonly query?: string;
  readonly missing?: readonly string[];
  readonly types?: Readonly<Record<string, ColumnType>>;
  readonly target: string;
  readonly task?: Task;
  readonly ignore?: readonly string[];
  readonly folds?: number;
  readonly holdout?: number;
  readonly seed: number;
  /** Rows the coordinator read: a worker that reads a different number refuses the job instead of scoring other data. */
  readonly rows?: number;
}

/** The payload of one BullMQ fold job. `run` keys the workers' per-run data cache. */
export interface RemoteFoldJob {
  readonly run: string;
  readonly data: RunData;
  readonly spec: FoldSpec;
}

/** How a local data file travels to workers: by absolute path, so workers started in another directory find it. */
export function workerSource(source: string): string {
  const path = source.includes('?') && !existsSync(source) ? source.slice(0, source.indexOf('?')) : source;
  if (!existsSync(path) || !statSync(path).isFile()) return source;
  return resolve(path) + source.slice(path.length);
}

function abortError(): Error {
  const e = new Error('fold job aborted');
  e.name = 'AbortError';
  return e;
}

/**
 * Runs folds on `autopipe worker` processes through a BullMQ queue on Redis: one job per fold carrying its spec and
 * how to read the data, never matrices. Results come back through QueueEvents; a job whose worker died is handed to
 * another worker by BullMQ's stalled-job check (configured on the workers), and because a fold's seed comes from the
 * run seed, trial and fold, the retry gives the same prediction. Every fold of a trial is in flight at once.
 */
export class RedisExecutor implements FoldExecutor {
  readonly sharedMemory = false;
  private runData?: RunData;
  private readonly pending = new Set<(e: Error) => void>();

  private constructor(
    readonly parallelism: number, readonly runId: string, private readonly redis: Redis, private readonly queue: Queue,
    private readonly events: QueueEvents,
  ) {}

  /** Connects (failing fast with the redacted URL when Redis is unreachable) and starts listening for results. */
  static async connect(o: { url: string; parallelism: number; logger: Logger }): Promise<RedisExecutor> {
    const redis = await openRedis(o.url, o.logger);
    const shown = redactRedis(o.url);
    const queue = new Queue(FOLD_QUEUE, { connection: redis });
    const events = new QueueEvents(FOLD_QUEUE, { connection: redis });
    const warn = (e: Error) => o.logger.warn(`Redis at ${shown}: ${e.message}`);
    queue.on('error', warn);
    events.on('error', warn);
    const executor = new RedisExecutor(Math.max(2, o.parallelism), randomUUID(), redis, queue, events);
    try {
      // Results are matched by job id, so the listener must be reading the event stream before the first job is added.
      await events.waitUntilReady();
    } catch (e) {
      await executor.close();
      throw e;
    }
    events.on('stalled', ({ jobId }: { jobId: string }) => {
      if (jobId.startsWith(`${executor.runId}.`)) o.logger.warn(`fold job ${jobId} lost its worker; BullMQ hands it to another worker`);
    });
    const workers = await queue.getWorkers().catch(() => undefined);
    if (workers?.length === 0) o.logger.warn(`no autopipe worker is connected to ${shown} yet; fold jobs wait until one starts (autopipe worker --redis ...)`);
    else if (workers) o.logger.info(`trials run on ${workers.length} autopipe worker process${workers.length === 1 ? '' : 'es'} through ${shown}`);
    o.logger.debug(`distributed run ${executor.runId} on queue ${FOLD_QUEUE}`);
    return executor;
  }

  /** Sets how workers read this run's data; call once the source has been read (so `rows` is known). */
  forRun(data: RunData): void {
    this.runData = { ...data, source: workerSource(data.source) };
  }

  run(spec: FoldSpec, _materialize: () => Promise<FoldJob>, signal?: AbortSignal): Promise<Prediction> {
    const data = this.runData;
    if (!data) return Promise.reject(new Error('RedisExecutor.forRun was not called before the first fold'));
    if (signal?.aborted) return Promise.reject(abortError());
    const id = `${this.runId}.${spec.trial}.${spec.fold}`;
    const payload: RemoteFoldJob = { run: this.runId, data, spec };
    // Per-job event names (`completed:<id>`) are outside QueueEvents' typed listener map.
    const events = this.events as unknown as EventEmitter;
    return new Promise<Prediction>((resolvePrediction, reject) => {
      const completed = `completed:${id}`;
      const failed = `failed:${id}`;
      const settle = (fn: () => void) => {
        events.off(completed, onCompleted);
        events.off(failed, onFailed);
        signal?.removeEventListener('abort', onAbort);
        this.pending.delete(onClose);
        fn();
      };
      const onCompleted = ({ returnvalue }: { returnvalue: unknown }) => settle(() => {
        try {
          resolvePrediction(decodePrediction(returnvalue as EncodedPrediction));
        } catch (e) {
          reject(e as Error);
        }
      });
      const onFailed = ({ failedReason }: { failedReason: string }) => settle(() => reject(remoteError(failedReason, `fold job ${id} failed`)));
      const onAbort = () => settle(() => {
        // An active job is locked by its worker and cannot be removed; its result is then simply not awaited.
        this.queue.remove(id).catch(() => undefined);
        reject(abortError());
      });
      const onClose = (e: Error) => settle(() => reject(e));
      events.on(completed, onCompleted);
      events.on(failed, onFailed);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.add(onClose);
      // Failures are deterministic (same data, same seed): one attempt. Stalls (a dead worker) are retried by BullMQ.
      this.queue.add('fold', payload, { jobId: id, attempts: 1, removeOnComplete: true, removeOnFail: { age: 24 * 3600 } })
        .catch((e: unknown) => onClose(e instanceof Error ? e : new Error(String(e))));
    });
  }

  async close(): Promise<void> {
    for (const reject of [...this.pending]) reject(new Error('the distributed run was closed'));
    // Jobs of this run nobody will wait for any more (an aborted or failed run) are taken off the queue.
    const waiting = await this.queue.getJobs(['waiting', 'delayed', 'prioritized']).catch(() => []);
    await Promise.all(waiting.filter((j) => j?.id?.startsWith(`${this.runId}.`)).map((j) => j.remove().catch(() => undefined)));
    await this.events.close();
    await this.queue.close();
    await this.redis.quit().catch(() => undefined);
  }
}
