import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AutopipeError, decodeState, encodeState, type StateValue } from '@autopipe/core';
import type { ModelManifest } from './manifest.js';
import { manifestProblem } from './manifest-schema.js';
import { MODEL_FORMAT_VERSION } from './version.js';

export const MANIFEST_FILE = 'manifest.json';
const STATE_FILE = 'state.json';
const WEIGHTS_FILE = 'weights.bin';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

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
  const stateBytes = Buffer.from(encoded.json, 'utf8');
  const full: ModelManifest = {
    ...manifest,
    files: { state: STATE_FILE, weights: WEIGHTS_FILE, weightsSha256: sha256(encoded.binary), stateSha256: sha256(stateBytes) },
  };
  const text = JSON.stringify(full, null, 2) + '\n';
  // Never write a model this very version would refuse to load: a schema miss here is a bug in the writer.
  const bad = manifestProblem(JSON.parse(text));
  if (bad) throw new AutopipeError('INTERNAL', `The manifest for ${dir} does not match the model manifest schema (${bad.path} ${bad.problem}); this is a bug in autopipe.`, { path: dir, jsonPath: bad.path });
  const tmp = join(parent, `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  mkdirSync(tmp);
  try {
    writeFileSync(join(tmp, STATE_FILE), stateBytes);
    writeFileSync(join(tmp, WEIGHTS_FILE), encoded.binary);
    writeFileSync(join(tmp, MANIFEST_FILE), text);
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

function incompatible(dir: string, why: string): AutopipeError {
  return new AutopipeError('MODEL_INCOMPATIBLE', `Model ${dir} cannot be loaded: ${why}`, { path: dir });
}

const RETRAIN = 'Retrain the model or restore the directory from a copy.';

/** A file the manifest names, checked to stay inside the model directory (the schema already refuses separators). */
function memberFile(dir: string, name: string, field: string): string {
  const p = resolve(dir, name);
  if (dirname(p) !== resolve(dir)) throw incompatible(dir, `manifest.json $.files.${field} ("${name}") points outside the model directory. ${RETRAIN}`);
  if (!existsSync(p)) throw incompatible(dir, `${name} ($.files.${field}) is missing; the directory is incomplete. ${RETRAIN}`);
  return p;
}

/**
 * Reads and checks a model directory, in this order: a manifest that is JSON and says it is an autopipe model; a
 * format version this autopipe reads (a newer one asks for an upgrade before anything else is judged, since a newer
 * layout may legitimately fail this version's schema); the manifest schema; the files it names; their checksums.
 */
export function loadModelDir(dir: string): LoadedModelDir {
  const mpath = join(dir, MANIFEST_FILE);
  if (!existsSync(dir)) throw new AutopipeError('MODEL_NOT_FOUND', `Model directory ${dir} does not exist; train one with "autopipe train ... --out ${dir}".`, { path: dir });
  if (!existsSync(mpath)) throw new AutopipeError('MODEL_NOT_FOUND', `${dir} is not an autopipe model directory (no ${MANIFEST_FILE}).`, { path: dir });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(mpath, 'utf8'));
  } catch (e) {
    throw new AutopipeError('MODEL_INCOMPATIBLE', `${mpath} is not valid JSON (${(e as Error).message}); the model directory is damaged. ${RETRAIN}`, { path: mpath });
  }
  const head = (raw ?? {}) as { format?: unknown; formatVersion?: unknown };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || head.format !== 'autopipe-model') {
    throw new AutopipeError('MODEL_INCOMPATIBLE', `${mpath} is not an autopipe model manifest.`, { path: mpath });
  }
  if (typeof head.formatVersion === 'number' && head.formatVersion > MODEL_FORMAT_VERSION) {
    throw new AutopipeError('MODEL_INCOMPATIBLE', `Model ${dir} uses format version ${head.formatVersion}, newer than this autopipe reads (${MODEL_FORMAT_VERSION}); upgrade autopipe.`, { path: dir, formatVersion: head.formatVersion });
  }
  const bad = manifestProblem(raw);
  if (bad) {
    throw new AutopipeError('MODEL_INCOMPATIBLE', `Model ${dir} has an invalid ${MANIFEST_FILE}: ${bad.path} ${bad.problem}. The file was edited or damaged. ${RETRAIN}`, { path: dir, jsonPath: bad.path });
  }
  const manifest = raw as ModelManifest;
  const binary = readFileSync(memberFile(dir, manifest.files.weights, 'weights'));
  if (sha256(binary) !== manifest.files.weightsSha256) {
    throw new AutopipeError('MODEL_INCOMPATIBLE', `Model weights in ${dir} do not match their checksum; the file was changed or damaged. ${RETRAIN}`, { path: dir, file: manifest.files.weights });
  }
  const jsonBytes = readFileSync(memberFile(dir, manifest.files.state, 'state'));
  if (manifest.files.stateSha256 !== undefined && sha256(jsonBytes) !== manifest.files.stateSha256) {
    throw new AutopipeError('MODEL_INCOMPATIBLE', `Model state in ${dir} (${manifest.files.state}) does not match its checksum; the file was changed or damaged. ${RETRAIN}`, { path: dir, file: manifest.files.state });
  }
  try {
    return { manifest, state: decodeState({ json: jsonBytes.toString('utf8'), binary: new Uint8Array(binary.buffer, binary.byteOffset, binary.byteLength) }) };
  } catch (e) {
    if (e instanceof SyntaxError) throw incompatible(dir, `${manifest.files.state} is not valid JSON (${e.message}). ${RETRAIN}`);
    throw e;
  }
}
