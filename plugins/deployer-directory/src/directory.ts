import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { AutopipeError, inputError, type DeployerDefinition } from '@autopipe/core';
import { verifyModelFiles } from './verify.js';

const KEY = 'directory';

/** What may be replaced at `out`: nothing, an empty directory, or a model directory (a previous deployment). */
function checkTarget(out: string): void {
  if (!existsSync(out)) return;
  const st = lstatSync(out);
  const isModel = st.isDirectory() && existsSync(join(out, 'manifest.json'));
  if (!st.isDirectory() || (!isModel && readdirSync(out).length > 0)) {
    throw inputError('INVALID_ARGUMENT', `Deployer "${KEY}": ${out} exists and is not an autopipe model directory; it will not be replaced. Choose another "out" or empty it.`, { path: out });
  }
}

/**
 * Copies a verified model directory to `out`. The copy goes to a hidden sibling temp directory, is verified there
 * (checksums of the copied files), and only then renamed into place — a previous model at `out` is renamed aside
 * first and removed last — so readers of `out` see the old model or the new one, never a half-copied mix.
 */
export const directory: DeployerDefinition = {
  kind: 'deployer',
  key: KEY,
  description: 'directory: copies a verified model directory to `out`, atomically (temp copy, checksum check, rename)',
  async deploy(modelDir, options, ctx) {
    const out = options.out;
    if (typeof out !== 'string' || out.length === 0) throw inputError('INVALID_ARGUMENT', `Deployer "${KEY}" needs the option "out": the directory to copy the model to.`);
    const source = resolve(modelDir);
    const target = resolve(out);
    verifyModelFiles(modelDir);
    // With a host at hand, also load the model: the full manifest schema and the plugins it needs.
    ctx.open?.(modelDir);
    const rel = relative(source, target);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
      throw inputError('INVALID_ARGUMENT', `Deployer "${KEY}": "out" (${out}) is the model directory or inside it; choose a directory outside it.`, { path: out });
    }
    checkTarget(target);

    const parent = dirname(target);
    mkdirSync(parent, { recursive: true });
    const tmp = join(parent, `.${basename(target)}.deploy-${process.pid}-${Date.now()}`);
    const old = `${tmp}.old`;
    try {
      cpSync(source, tmp, { recursive: true, dereference: true, errorOnExist: true });
      const files = verifyModelFiles(tmp);
      if (existsSync(target)) renameSync(target, old);
      renameSync(tmp, target);
      rmSync(old, { recursive: true, force: true });
      return { location: target, details: { weightsSha256: files.weightsSha256, ...(files.stateSha256 ? { stateSha256: files.stateSha256 } : {}) } };
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      if (existsSync(old) && !existsSync(target)) renameSync(old, target);
      if (e instanceof AutopipeError && e.code === 'MODEL_INCOMPATIBLE') {
        throw new AutopipeError('MODEL_INCOMPATIBLE', `Deployer "${KEY}": the copy at ${out} failed verification (${e.message}); nothing was replaced.`, { path: out });
      }
      throw e;
    }
  },
};
