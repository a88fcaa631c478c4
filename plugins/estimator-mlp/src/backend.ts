import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { inputError, type Logger } from '@autopipe/core';
import type * as Tfjs from '@tensorflow/tfjs';

/** The TensorFlow.js API (tfjs-node re-exports the same one). */
export type TfModule = typeof Tfjs;
export type BackendName = 'node' | 'wasm' | 'cpu';
export const BACKEND_ORDER: readonly BackendName[] = ['node', 'wasm', 'cpu'];

export interface TfRuntime {
  readonly tf: TfModule;
  readonly backend: BackendName;
}

/** How each candidate is loaded; injectable so tests can simulate a failing tfjs-node. */
export interface BackendLoaders {
  node(): Promise<TfModule>;
  tfjs(): Promise<TfModule>;
  /** Registers the wasm backend; returns `setWasmPaths` for when the binaries are not found by default. */
  wasm(): Promise<{ setWasmPaths(prefix: string): void }>;
}

// Dynamic imports only: nothing in this package loads TensorFlow.js until a fit needs it, so restoring and
// predicting never pay for (or depend on) a backend.
// tfjs-node is an optional dependency, so its name goes through a variable: TypeScript and bundlers must not
// require it to be installed.
const TFJS_NODE = '@tensorflow/tfjs-node';
export const defaultLoaders: BackendLoaders = {
  node: async () => (await import(TFJS_NODE)) as TfModule,
  tfjs: () => import('@tensorflow/tfjs'),
  wasm: () => import('@tensorflow/tfjs-backend-wasm'),
};

export interface Selection extends TfRuntime {
  /** Why earlier candidates were skipped. */
  readonly skipped: readonly { readonly backend: BackendName; readonly reason: string }[];
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0];

async function tryBackend(name: BackendName, loaders: BackendLoaders): Promise<TfModule> {
  if (name === 'node') {
    const tf = await loaders.node();
    await tf.ready();
    if (tf.getBackend() !== 'tensorflow') throw new Error(`tfjs-node loaded but the active backend is "${tf.getBackend()}"`);
    return tf;
  }
  const tf = await loaders.tfjs();
  if (name === 'cpu') {
    if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend failed to initialize');
    return tf;
  }
  const wasm = await loaders.wasm();
  if (await tf.setBackend('wasm')) return tf;
  // The .wasm binaries ship in the package's dist folder, next to its main file.
  wasm.setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  if (await tf.setBackend('wasm')) return tf;
  throw new Error('the wasm backend failed to initialize, even with setWasmPaths pointing at its dist folder');
}

/**
 * Picks a backend: tfjs-node (native TensorFlow) → WebAssembly → plain JS cpu, or only `force` when given.
 * Not cached; `loadBackend` is the cached entry point.
 */
export async function selectBackend(force?: BackendName, loaders: BackendLoaders = defaultLoaders): Promise<Selection> {
  const skipped: { backend: BackendName; reason: string }[] = [];
  for (const backend of force ? [force] : BACKEND_ORDER) {
    try {
      const tf = await tryBackend(backend, loaders);
      await tf.ready();
      return { tf, backend, skipped };
    } catch (e) {
      if (force) throw inputError('INVALID_ARGUMENT', `AUTOPIPE_TF_BACKEND=${force} but that TensorFlow.js backend cannot start: ${message(e)}. Unset it to fall back automatically.`, { backend: force });
      skipped.push({ backend, reason: message(e) });
    }
  }
  throw inputError('UNSUPPORTED_INPUT', `No TensorFlow.js backend could start (${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}).`);
}

/** Reads `AUTOPIPE_TF_BACKEND`; an unknown value is an error rather than a silent fallback. */
export function forcedBackend(env: Readonly<Record<string, string | undefined>> = process.env): BackendName | undefined {
  const v = env.AUTOPIPE_TF_BACKEND?.trim().toLowerCase();
  if (!v) return undefined;
  if (!(BACKEND_ORDER as readonly string[]).includes(v)) {
    throw inputError('INVALID_ARGUMENT', `AUTOPIPE_TF_BACKEND must be one of ${BACKEND_ORDER.join(', ')}, got "${v}".`, { value: v });
  }
  return v as BackendName;
}

let pending: Promise<Selection> | undefined;
let active: BackendName | undefined;

/** The process-wide backend, chosen on first use and logged once through the first caller's logger. */
export function loadBackend(logger: Logger): Promise<TfRuntime> {
  if (!pending) {
    pending = (async () => {
      const s = await selectBackend(forcedBackend());
      active = s.backend;
      const fields = { backend: s.backend, skipped: s.skipped.map((k) => `${k.backend}: ${k.reason}`) };
      logger.info(`mlp: TensorFlow.js runs on the ${s.backend} backend${s.skipped.length ? ` (skipped ${s.skipped.map((k) => k.backend).join(', ')})` : ''}`, fields);
      return s;
    })();
    // A failed selection is not cached: the next fit tries again (and reports the error again).
    pending.catch(() => { pending = undefined; });
  }
  return pending;
}

/** The backend the process trains on, or undefined before the first fit. */
export function activeBackend(): BackendName | undefined {
  return active;
}
