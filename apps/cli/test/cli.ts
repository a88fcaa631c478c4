import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..', '..');
export const bin = join(here, '..', 'bin', 'autopipe.js');
export const titanic = join(repoRoot, 'examples', 'titanic.csv');
export const wine = join(repoRoot, 'examples', 'winequality-red.csv');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI in a fresh process, like a user would. */
export function cli(...args: string[]): CliResult {
  return cliIn(undefined, ...args);
}

/** Runs the built CLI with `cwd` as the current directory (where autopipe.config.json is looked for). */
export function cliIn(cwd: string | undefined, ...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
// Each test file evaluates this module afresh (forks pool, isolated), so this removes that file's directories.
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A scratch directory removed when the test file finishes (every CLI test run used to leave ~100 MB in /tmp). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `autopipe-cli-${prefix}-`));
  made.push(dir);
  return dir;
}
