import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Set to 1 to skip the tests that need a real redis-server (they are then named in a banner, never skipped silently).
 * `npm test` installs redis-server with apt when it is missing and it runs as root; otherwise it stops and says so.
 */
export const SKIP_REDIS_ENV = 'AUTOPIPE_SKIP_REDIS_TESTS';

export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;
}

export function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

export interface RedisServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** How long redis-server may take to say it is ready before the tests fail with its log. */
const START_TIMEOUT_MS = 10_000;

/**
 * A throwaway redis-server on a free loopback port (no persistence, a temp working directory). Fails with the
 * server's output when it cannot start, instead of letting the tests hang.
 */
export async function startRedis(): Promise<RedisServer> {
  if (!redisServerInstalled()) {
    throw new Error(`redis-server is not installed; the distributed-trials tests need it. Install it (apt-get install redis-server, brew install redis), or set ${SKIP_REDIS_ENV}=1 to skip them.`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'autopipe-cli-redis-'));
  const port = await freePort();
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout!.on('data', (d: Buffer) => { log += d.toString(); });
  proc.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((done) => proc.once('exit', done));
      proc.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`it did not report ready within ${START_TIMEOUT_MS / 1000}s`)), START_TIMEOUT_MS);
      const check = () => { if (/ready to accept connections/i.test(log)) { clearTimeout(timer); ready(); } };
      proc.stdout!.on('data', check);
      proc.once('exit', (code, signal) => { clearTimeout(timer); fail(new Error(`it exited (${signal ?? `code ${code}`})`)); });
      proc.once('error', (e) => { clearTimeout(timer); fail(e); });
    });
  } catch (e) {
    await stop();
    throw new Error(`Could not start redis-server on 127.0.0.1:${port}: ${(e as Error).message}.\n--- redis-server output ---\n${log.slice(-3000)}`);
  }
  return { url: `redis://127.0.0.1:${port}`, stop };
}

/** A CLI process run in the background, its output collected as it comes. */
export interface Background {
  readonly proc: ChildProcess;
  stdout: string;
  stderr: string;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
  /** Resolves with the first match of `re` in stderr at or after character `from`; rejects after `ms`. */
  waitFor(re: RegExp, ms: number, from?: number): Promise<RegExpExecArray>;
}

export function background(bin: string, args: readonly string[]): Background {
  const proc = spawn(process.execPath, [bin, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const listeners = new Set<() => void>();
  const bg: Background = {
    proc, stdout: '', stderr: '',
    exited: new Promise((done) => proc.once('exit', (code, signal) => { done(code ?? signal ?? -1); for (const l of listeners) l(); })),
    waitFor(re, ms, from = 0) {
      return new Promise((found, fail) => {
        const check = () => {
          const m = new RegExp(re.source, re.flags.replace('g', '')).exec(bg.stderr.slice(from));
          if (m) { done(); found(m); } else if (proc.exitCode !== null || proc.signalCode !== null) { done(); fail(new Error(`process exited before printing ${re}:\n${bg.stderr}`)); }
        };
        const timer = setTimeout(() => { done(); fail(new Error(`no ${re} within ${ms / 1000}s:\n${bg.stderr}`)); }, ms);
        const done = () => { clearTimeout(timer); listeners.delete(check); };
        listeners.add(check);
        check();
      });
    },
  };
  proc.stdout!.on('data', (d: Buffer) => { bg.stdout += d.toString(); });
  proc.stderr!.on('data', (d: Buffer) => { bg.stderr += d.toString(); for (const l of [...listeners]) l(); });
  return bg;
}
