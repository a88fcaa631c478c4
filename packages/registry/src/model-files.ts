import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, normalize } from 'node:path';
import { AutopipeError } from '@autopipe/core';

/** The manifest fields the registry records; the rest of `manifest.json` stays in the copied directory. */
export interface ManifestSummary {
  readonly task: string;
  readonly target: string;
  readonly createdAt: string;
  readonly metric?: string;
  readonly score: number | null;
  readonly weightsSha256: string;
}

function damaged(dir: string, why: string): AutopipeError {
  return new AutopipeError('MODEL_INCOMPATIBLE', `${dir} cannot be pushed: ${why}`, { path: dir });
}

/** A file named by the manifest must be a plain name inside the model directory. */
function memberFile(dir: string, name: unknown, field: string): string {
  if (typeof name !== 'string' || name === '' || isAbsolute(name) || normalize(name) !== basename(name)) {
    throw damaged(dir, `manifest files.${field} must name a file inside the model directory.`);
  }
  const p = join(dir, name);
  if (!existsSync(p)) throw damaged(dir, `${name} (files.${field}) is missing.`);
  return p;
}

/**
 * Checks a model directory before it enters the registry: an autopipe manifest, its state and weights files,
 * and a weights checksum that matches. The registry never loads the model (it knows no plugins); serving does.
 */
export function verifyModelDir(dir: string): ManifestSummary {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new AutopipeError('MODEL_NOT_FOUND', `Model directory ${dir} does not exist; train one with "autopipe train ... --out ${dir}".`, { path: dir });
  }
  const mpath = join(dir, 'manifest.json');
  if (!existsSync(mpath)) throw new AutopipeError('MODEL_NOT_FOUND', `${dir} is not an autopipe model directory (no manifest.json).`, { path: dir });
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(readFileSync(mpath, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw damaged(dir, `manifest.json is not valid JSON (${(e as Error).message}).`);
  }
  if (m === null || typeof m !== 'object' || m.format !== 'autopipe-model') throw damaged(dir, 'manifest.json is not an autopipe model manifest.');
  if (!Number.isInteger(m.formatVersion) || (m.formatVersion as number) < 1) throw damaged(dir, 'manifest.json has no valid formatVersion.');
  if (typeof m.task !== 'string' || typeof m.target !== 'string') throw damaged(dir, 'manifest.json names no task or target.');
  const files = (m.files ?? {}) as Record<string, unknown>;
  memberFile(dir, files.state, 'state');
  const weights = readFileSync(memberFile(dir, files.weights, 'weights'));
  const sha = createHash('sha256').update(weights).digest('hex');
  if (sha !== files.weightsSha256) throw damaged(dir, 'the weights do not match their checksum; the model was changed or damaged. Retrain or restore it.');
  const metric = (m.metric ?? {}) as { key?: unknown };
  const score = (m.score ?? {}) as { value?: unknown };
  return {
    task: m.task,
    target: m.target,
    createdAt: typeof m.createdAt === 'string' ? m.createdAt : '',
    metric: typeof metric.key === 'string' ? metric.key : undefined,
    score: typeof score.value === 'number' && Number.isFinite(score.value) ? score.value : null,
    weightsSha256: sha,
  };
}

/** Copies a directory to a hidden temp directory in `parent`, so the later rename into place is atomic. */
export function stageCopy(source: string, parent: string): string {
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.incoming-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  try {
    cpSync(source, tmp, { recursive: true, errorOnExist: true, dereference: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return tmp;
}

/** Moves a staged copy into place; a directory already there has no registry row (a crash leftover) and goes. */
export function commitCopy(tmp: string, finalDir: string): void {
  if (existsSync(finalDir)) rmSync(finalDir, { recursive: true, force: true });
  renameSync(tmp, finalDir);
}
