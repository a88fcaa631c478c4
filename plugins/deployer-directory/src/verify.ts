import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, normalize } from 'node:path';
import { AutopipeError } from '@autopipe/core';

/** The manifest fields this deployer relies on; the full schema check is the host's `ctx.open`. */
export interface ModelFiles {
  readonly state: string;
  readonly weights: string;
  readonly weightsSha256: string;
  readonly stateSha256?: string;
}

function damaged(dir: string, why: string): AutopipeError {
  return new AutopipeError('MODEL_INCOMPATIBLE', `Model directory ${dir} cannot be deployed: ${why} Retrain the model or restore the directory.`, { path: dir });
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function member(dir: string, name: unknown, field: string): string {
  if (typeof name !== 'string' || name === '' || isAbsolute(name) || normalize(name) !== basename(name) || name === '..' || name === '.') {
    throw damaged(dir, `manifest.json files.${field} must name a file inside the model directory.`);
  }
  const p = join(dir, name);
  if (!existsSync(p)) throw damaged(dir, `${name} (files.${field}) is missing.`);
  return p;
}

/**
 * Checks what makes a model directory a model directory — an autopipe manifest and files that match their SHA-256
 * digests — without loading the model, so a copy can be verified with no plugins at hand.
 */
export function verifyModelFiles(dir: string): ModelFiles {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new AutopipeError('MODEL_NOT_FOUND', `Model directory ${dir} does not exist; train one with "autopipe train ... --out ${dir}".`, { path: dir });
  }
  const mpath = join(dir, 'manifest.json');
  if (!existsSync(mpath)) throw new AutopipeError('MODEL_NOT_FOUND', `${dir} is not an autopipe model directory (no manifest.json).`, { path: dir });
  let m: { format?: unknown; files?: Record<string, unknown> };
  try {
    m = JSON.parse(readFileSync(mpath, 'utf8')) as typeof m;
  } catch (e) {
    throw damaged(dir, `manifest.json is not valid JSON (${(e as Error).message}).`);
  }
  if (m === null || typeof m !== 'object' || m.format !== 'autopipe-model') throw damaged(dir, 'manifest.json is not an autopipe model manifest.');
  const files = m.files ?? {};
  const weights = readFileSync(member(dir, files.weights, 'weights'));
  if (typeof files.weightsSha256 !== 'string' || sha256(weights) !== files.weightsSha256) {
    throw damaged(dir, 'the weights do not match their checksum (files.weightsSha256); the model was changed or damaged.');
  }
  const state = readFileSync(member(dir, files.state, 'state'));
  if (files.stateSha256 !== undefined && sha256(state) !== files.stateSha256) {
    throw damaged(dir, 'the state file does not match its checksum (files.stateSha256); the model was changed or damaged.');
  }
  return files as unknown as ModelFiles;
}
