import { copyFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLD_QUEUE } from '../src/redis-connection.js';
import { RedisExecutor, type RemoteFoldJob } from '../src/redis-executor.js';
import { bin, tempDir, titanic } from './cli.js';
import { SKIP_REDIS_ENV, background, freePort, startRedis, type Background, type RedisServer } from './redis-server.js';

const skip = process.env[SKIP_REDIS_ENV] === '1';
const NEED_REDIS = [
  'warns when no worker is connected, and an aborted fold stops waiting and leaves the queue',
  'a worker SIGKILLed mid-job has its fold retried by the other, and the leaderboard equals a local run',
  'a worker that cannot read the training file makes train exit 1 with an input error naming the worker and the file',
];
if (skip) {
  const bar = '!'.repeat(100);
  process.stderr.write(`\n${bar}\n! ${SKIP_REDIS_ENV}=1: these tests are SKIPPED (they need redis-server):\n${NEED_REDIS.map((t) => `!   - distributed trials on BullMQ + Redis > ${t}`).join('\n')}\n${bar}\n\n`);
}

type Row = { trial: number; estimator: string; params: unknown; score: number };
const board = (stdout: string) => (JSON.parse(stdout).leaderboard as Row[]).map((r) => ({ trial: r.trial, estimator: r.estimator, params: r.params, score: r.score }));

/**
 * Folds of each trial go to `autopipe worker` processes through BullMQ. One worker is frozen (SIGSTOP) right after
 * it logs a "job started" line; if Redis still lists that job as active — the worker took it and has not finished
 * it — the worker is SIGKILLed, otherwise it is resumed and the next job is tried. The killed worker's lock expires,
 * BullMQ's stalled check on the other worker puts the job back in the queue, and the other worker fits it: the test
 * sees the coordinator's "lost its worker" line and the survivor's start and finish of that very job. Fold seeds come
 * from the run seed, trial and fold, so the leaderboard must equal a `--workers 1` run.
 */
describe.skipIf(skip)('distributed trials on BullMQ + Redis', () => {
  let redis: RedisServer | undefined;
  const procs: Background[] = [];
  beforeAll(async () => { redis = await startRedis(); }, 20_000);
  afterAll(async () => {
    for (const p of procs) if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exited));
    await redis?.stop();
  });

  it(NEED_REDIS[0], async () => {
    const lines: string[] = [];
    const logger = { debug: () => undefined, info: (m: string) => lines.push(m), warn: (m: string) => lines.push(`warning: ${m}`) };
    const executor = await RedisExecutor.connect({ url: redis!.url, parallelism: 5, logger });
    const client = new Redis(redis!.url, { maxRetriesPerRequest: null });
    const queue = new Queue(FOLD_QUEUE, { connection: client });
    try {
      expect(lines).toContain(`warning: no autopipe worker is connected to ${redis!.url} yet; fold jobs wait until one starts (autopipe worker --redis ...)`);
      const spec = { trial: 1, fold: 0, estimator: 'logistic', params: {}, steps: [], seed: 1 };
      await expect(executor.run(spec, () => Promise.reject(new Error('remote executors never materialize')))).rejects.toThrow(/forRun/);
      executor.forRun({ source: titanic, target: 'Survived', seed: 1 });
      const abort = new AbortController();
      const pending = executor.run(spec, () => Promise.reject(new Error('remote executors never materialize')), abort.signal);
      const id = `${executor.runId}.1.0`;
      await expect.poll(() => queue.getJobState(id)).toBe('waiting');
      expect((await queue.getJob(id))?.data).toEqual({ run: executor.runId, data: { source: titanic, target: 'Survived', seed: 1 }, spec });
      abort.abort();
      await expect(pending).rejects.toThrow(/aborted/);
      await expect.poll(() => queue.getJobState(id)).toBe('unknown');
    } finally {
      await executor.close();
      await queue.close();
      await client.quit();
    }
  });

  it(NEED_REDIS[1], async () => {
    const url = redis!.url;
    const dir = tempDir('distributed');
    const args = ['train', titanic, '--target', 'Survived', '--max-trials', '8', '--seed', '3', '--time-budget', '300', '--no-store', '--json'];
    const local = background(bin, [...args, '--workers', '1', '--out', join(dir, 'local')]);
    procs.push(local);
    expect(await local.exited, local.stderr).toBe(0);

    const [a, b] = [background(bin, ['worker', '--redis', url, '-v']), background(bin, ['worker', '--redis', url, '-v'])];
    procs.push(a, b);
    await Promise.all([a.waitFor(/worker ready/, 20_000), b.waitFor(/worker ready/, 20_000)]);
    const train = background(bin, [...args, '--redis', url, '--out', join(dir, 'remote')]);
    procs.push(train);

    const client = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue(FOLD_QUEUE, { connection: client });
    let lost: string | undefined;
    try {
      for (let from = 0; !lost;) {
        const m = await a.waitFor(/job (\S+) started/, 30_000, from);
        from += m.index + m[0].length;
        a.proc.kill('SIGSTOP');
        if (await queue.getJobState(m[1]) === 'active') {
          lost = m[1];
          a.proc.kill('SIGKILL');
        } else {
          a.proc.kill('SIGCONT');
        }
      }
    } finally {
      await queue.close();
      await client.quit();
    }
    expect(await a.exited).toBe('SIGKILL');
    expect(a.stderr).not.toContain(`job ${lost} done`);

    expect(await train.exited, train.stderr).toBe(0);
    expect(train.stderr).toContain('trials run on 2 autopipe worker processes');
    expect(train.stderr).toContain(`fold job ${lost} lost its worker`);
    expect(b.stderr).toContain(`job ${lost} started`);
    expect(b.stderr).toContain(`job ${lost} done`);
    const remote = board(train.stdout);
    expect(remote.length).toBeGreaterThanOrEqual(8);
    expect(remote).toEqual(board(local.stdout));

    // SIGTERM stops a worker gracefully.
    b.proc.kill('SIGTERM');
    expect(await b.exited, b.stderr).toBe(0);
    expect(b.stderr).toContain('worker stopped');
  }, 120_000);

  it(NEED_REDIS[2], async () => {
    const dir = tempDir('distributed-missing');
    const csv = join(dir, 'train.csv');
    copyFileSync(titanic, csv);
    const train = background(bin, ['train', csv, '--target', 'Survived', '--max-trials', '2', '--seed', '3', '--time-budget', '120', '--no-store', '--redis', redis!.url, '--out', join(dir, 'model')]);
    procs.push(train);
    const client = new Redis(redis!.url, { maxRetriesPerRequest: null });
    const queue = new Queue<RemoteFoldJob>(FOLD_QUEUE, { connection: client });
    try {
      // A queued fold job means the coordinator has read the file; only then does it disappear, before any worker reads it.
      for (const t0 = Date.now(); !(await queue.getJobs(['waiting'])).some((j) => j?.data.data.source === csv);) {
        if (train.proc.exitCode !== null) throw new Error(`train exited before queueing a fold:\n${train.stderr}`);
        if (Date.now() - t0 > 30_000) throw new Error(`no fold job queued within 30 s:\n${train.stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await queue.close();
      await client.quit();
    }
    rmSync(csv);
    const worker = background(bin, ['worker', '--redis', redis!.url]);
    procs.push(worker);
    expect(await train.exited, train.stderr).toBe(1);
    const error = train.stderr.split('\n').find((l) => l.startsWith('autopipe: error:'));
    expect(error).toContain(`Every trial failed: on worker ${hostname()} (pid ${worker.proc.pid}): File not found: ${csv}.`);
    expect(error).toContain(`make ${csv} readable on this machine`);
    expect(train.stderr).not.toContain('please report');
    worker.proc.kill('SIGTERM');
    expect(await worker.exited, worker.stderr).toBe(0);
  }, 90_000);
});

describe('Redis that cannot be reached', () => {
  it('worker and train fail with one line naming the URL without its password, exit 1', async () => {
    const url = `redis://autopipe:s3cret@127.0.0.1:${await freePort()}`;
    const shown = url.replace(':s3cret@', ':***@');
    const runs = [background(bin, ['worker', '--redis', url]), background(bin, ['train', titanic, '--target', 'Survived', '--no-store', '--redis', url])];
    for (const r of runs) {
      expect(await r.exited, r.stderr).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([`autopipe: error: Cannot connect to Redis at ${shown} (connect ECONNREFUSED ${shown.slice(shown.indexOf('@') + 1)}). Start redis-server there or fix the --redis URL.`]);
      expect(r.stderr + r.stdout).not.toContain('s3cret');
    }
  });
});
