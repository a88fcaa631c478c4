#!/usr/bin/env node
// Runs the pinned pnpm: the one on PATH if it is the pinned version, else through npx, so a machine with only
// Node and npm works. Usage as a script: `node tools/scripts/pnpm.mjs <args...>`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.replace(/^pnpm@/, '');

/** nx must not phone home or leave a daemon behind in scripts and CI. */
export const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', CI: process.env.CI ?? 'true' };

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (probe.status === 0 && probe.stdout.trim() === pinned) return ['pnpm', []];
  return ['npx', ['--yes', `pnpm@${pinned}`]];
}

/** Runs pnpm with `args` in the repository root; exits the process with pnpm's code on failure. */
export function pnpm(args, options = {}) {
  const [cmd, pre] = pnpmCommand();
  const r = spawnSync(cmd, [...pre, ...args], { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32', ...options });
  if (r.status !== 0) {
    process.stderr.write(`\n${cmd} ${[...pre, ...args].join(' ')} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
}

/** Installs dependencies from the lockfile (a no-op in seconds when nothing changed). */
export function install() {
  pnpm(['install', '--frozen-lockfile', '--prefer-offline']);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) pnpm(process.argv.slice(2));
