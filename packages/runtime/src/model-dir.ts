import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AutopipeError, decodeState, encodeState, type StateValue } from '@autopipe/core';
import type { ModelManifest } from './manifest.js';
import { MODEL_FORMAT_VERSION } from './version.js';

export const MANIFEST_FILE = 'manifest.json';
const STATE_FILE = 'state.json';
const WEIGHTS_FILE = 'weights.bin';

/**
 * Writes a model directory atomically: everything goes to a sibling temp directory first, which then replaces
 * the target with renames, so a crash never leaves a half-written model where a good one was.
 */
export function saveModelDir(dir: string, manifest: Omit<ModelManifest, 'files'>, state: StateValue): ModelManifest {
  const target = resolve(dir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  if (existsSync(target) && !existsSync(join(target, MANIFEST_FILE)) && !isEmptyDir(target)) {
    throw new AutopipeError('INVALID_ARGUMENT', `--out ${dir} exists and is not an autopipe model directory; choose another path or empty it.`, { path: dir });
  }
  const encoded = encodeState(state);
  const full: ModelManifest = {
    ...manifest,
    files: { state: STATE_FILE, weights: WEIGHTS_FILE, weightsSha256: createHash('sha256').update(encoded.binary).digest('hex') },
  };
  const tmp = join(parent, `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  mkdirSync(tmp);
  try {
    writeFileSync(join(tmp, STATE_FILE), encoded.json);
    writeFileSync(join(tmp, WEIGHTS_FILE), encoded.binary);
    writeFileSync(join(tmp, MANIFEST_FILE), JSON.stringify(full, null, 2) + '\n');
    const old = `${tmp}.old`;
    if (existsSync(target)) renameSync(target, old);
    renameSync(tmp, target);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return full;
}

function isEmptyDir(p: string): boolean {
  try {
    return statSync(p).isDirectory() && readdirSync(p).length === 0;
  } catch {
    return false;
  }
}

export interface LoadedModelDir {
  readonly manifest: ModelManifest;
  readonly state: StateValue;
}

/** Reads and checks a model directory: format, version and weights checksum. */
export function loadModelDir(dir: string): LoadedModelDir {
  const mpath = join(dir, MANIFEST_FILE);
  if (!existsSync(dir)) throw new AutopipeError('MODEL_NOT_FOUND', `Model directory ${dir} does not exist; train one with "autopipe train ... --out ${dir}".`, { path: dir });
  if (!existsSync(mpath)) throw new AutopipeError('MODEL_NOT_FOUND', `${dir} is not an autopipe model directory (no ${MANIFEST_FILE}).`, { path: dir });
  let manifest: ModelManifest;
  try {
    manifest = JSON.parse(readFileSync(mpath, 'utf8')) as ModelManifest;
  } catch (e) {
    throw new AutopipeError('MODEL_INCOMPATIBLE', `${mpath} is not valid JSON (${(e as Error).message}); the model directory is damaged.`, { path: mpath });
  }
  if (manifest.format !== 'autopipe-model') throw new AutopipeError('MODEL_INCOMPATIBLE', `${mpath} is not an autopipe model manifest.`, { path: mpath });
  if (typeof manifest.formatVersion !== 'number' || manifest.formatVersion > MODEL_FORMAT_VERSION) {
    throw new AutopipeError('MODEL_INCOMPATIBLE', `Model ${dir} uses format version ${manifest.formatVersion}, newer than this autopipe reads (${MODEL_FORMAT_VERSION}); upgrade autopipe.`, { path: dir });
  }
  const binary = readFileSync(join(dir, manifest.files.weights));
  const sha = createHash('sha256').update(binary).digest('hex');
  if (sha !== manifest.files.weightsSha256) {
    throw new AutopipeError('MODEL_INCOMPATIBLE', `Model weights in ${dir} do not match their checksum; the file was changed or damaged. Retrain or restore the model.`, { path: dir });
  }
  const json = readFileSync(join(dir, manifest.files.state), 'utf8');
  return { manifest, state: decodeState({ json, binary: new Uint8Array(binary.buffer, binary.byteOffset, binary.byteLength) }) };
}
