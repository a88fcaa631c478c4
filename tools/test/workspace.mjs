// Paths and helpers shared by the tools tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const vitestBin = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
export const tscBin = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');

/** Runs node with `args` in `cwd`; returns status and combined output. */
export function runNode(args, cwd, env = {}) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 170_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Links a package's dependencies the way `pnpm install` would for a workspace package (core, testkit, vitest, node types). */
export function linkWorkspaceDeps(pkgDir) {
  mkdirSync(join(pkgDir, 'node_modules', '@autopipe'), { recursive: true });
  symlinkSync(join(repoRoot, 'packages', 'core'), join(pkgDir, 'node_modules', '@autopipe', 'core'), 'dir');
  symlinkSync(join(repoRoot, 'packages', 'testkit'), join(pkgDir, 'node_modules', '@autopipe', 'testkit'), 'dir');
  symlinkSync(join(repoRoot, 'node_modules', 'vitest'), join(pkgDir, 'node_modules', 'vitest'), 'dir');
  symlinkSync(join(repoRoot, 'node_modules', '@types'), join(pkgDir, 'node_modules', '@types'), 'dir');
}
