// The distributed-trials tests (apps/cli/test/distributed.test.ts) start a real redis-server. `npm test` makes sure
// one is installed: with apt as root when it is missing, otherwise it stops with how to install it or opt out.
import { spawnSync } from 'node:child_process';

export const SKIP_ENV = 'AUTOPIPE_SKIP_REDIS_TESTS';
const SKIPPED = [
  'warns when no worker is connected, and an aborted fold stops waiting and leaves the queue',
  'a worker SIGKILLed mid-job has its fold retried by the other, and the leaderboard equals a local run',
].map((t) => `apps/cli/test/distributed.test.ts > distributed trials on BullMQ + Redis > ${t}`);

const installed = () => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

function banner(lines) {
  const bar = '!'.repeat(100);
  process.stderr.write(`\n${bar}\n${lines.map((l) => `! ${l}`).join('\n')}\n${bar}\n\n`);
}

function aptInstall() {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  process.stderr.write('redis-server is missing; installing it with apt-get (the distributed-trials tests need it)\n');
  // A fresh machine may have empty package lists: update only when the first attempt fails.
  return run(['install', '-y', '--no-install-recommends', 'redis-server']) || (run(['update']) && run(['install', '-y', '--no-install-recommends', 'redis-server']));
}

/** Returns when redis-server is available or the opt-out is set (after a banner naming the skipped tests); else exits 1. */
export function ensureRedisServer() {
  if (process.env[SKIP_ENV] === '1') {
    banner([`${SKIP_ENV}=1: these tests are SKIPPED (they need redis-server):`, ...SKIPPED.map((t) => `  - ${t}`)]);
    return;
  }
  if (installed()) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (root && apt && aptInstall() && installed()) return;
  banner([
    'redis-server is not installed, and the distributed-trials tests need a real one.',
    root && apt ? 'Installing it with apt-get failed (see above).' : 'Install it: sudo apt-get install -y redis-server (Debian/Ubuntu), brew install redis (macOS),',
    ...(root && apt ? [] : ['or any Redis >= 6.2 whose redis-server binary is on PATH.']),
    `Or skip those tests explicitly: ${SKIP_ENV}=1 npm test`,
  ]);
  process.exit(1);
}
