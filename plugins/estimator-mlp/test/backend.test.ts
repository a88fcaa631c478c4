import { describe, expect, it } from 'vitest';
import { AutopipeError } from '@autopipe/core';
import { activeBackend, defaultLoaders, forcedBackend, loadBackend, selectBackend } from '../src/backend.js';

const recorder = () => {
  const infos: { message: string; fields?: Record<string, unknown> }[] = [];
  return { infos, logger: { debug() {}, warn() {}, info: (message: string, fields?: Record<string, unknown>) => infos.push({ message, fields }) } };
};

describe('backend selection', () => {
  it('falls back to wasm when tfjs-node cannot load its native addon (as on this machine)', async () => {
    const s = await selectBackend(undefined, { ...defaultLoaders, node: () => Promise.reject(new Error('tfjs_binding.node can not be found')) });
    expect(s.backend).toBe('wasm');
    expect(s.tf.getBackend()).toBe('wasm');
    expect(s.skipped).toEqual([{ backend: 'node', reason: 'tfjs_binding.node can not be found' }]);
  });

  it('falls back to cpu when wasm cannot start either', async () => {
    const failing = { ...defaultLoaders, node: () => Promise.reject(new Error('no addon')), wasm: () => Promise.reject(new Error('no wasm')) };
    const s = await selectBackend(undefined, failing);
    expect(s.backend).toBe('cpu');
    expect(s.tf.getBackend()).toBe('cpu');
    expect(s.skipped.map((k) => k.backend)).toEqual(['node', 'wasm']);
  });

  it('honours a forced backend and fails loudly when it cannot start', async () => {
    expect((await selectBackend('cpu')).tf.getBackend()).toBe('cpu');
    const err = await selectBackend('node', { ...defaultLoaders, node: () => Promise.reject(new Error('no addon')) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AutopipeError);
    expect((err as AutopipeError).code).toBe('INVALID_ARGUMENT');
    expect((err as AutopipeError).message).toMatch(/AUTOPIPE_TF_BACKEND=node.*no addon/);
  });

  it('reads AUTOPIPE_TF_BACKEND', () => {
    expect(forcedBackend({})).toBeUndefined();
    expect(forcedBackend({ AUTOPIPE_TF_BACKEND: ' WASM ' })).toBe('wasm');
    expect(() => forcedBackend({ AUTOPIPE_TF_BACKEND: 'gpu' })).toThrow(/must be one of node, wasm, cpu/);
  });

  it('chooses once per process, logs it once and reports it through activeBackend()', async () => {
    const first = recorder();
    const second = recorder();
    const a = await loadBackend(first.logger);
    const b = await loadBackend(second.logger);
    expect(b).toBe(a);
    // Real loaders: the native addon is not built here, so the real tfjs-node import fails and wasm is used
    // (or whatever AUTOPIPE_TF_BACKEND forces).
    const expected = forcedBackend() ?? 'wasm';
    expect(a.backend).toBe(expected);
    expect(activeBackend()).toBe(expected);
    expect(first.infos).toHaveLength(1);
    expect(first.infos[0].message).toContain(`${expected} backend`);
    if (!forcedBackend()) expect(String(first.infos[0].fields?.skipped)).toMatch(/^node: /);
    expect(second.infos).toHaveLength(0);
  });
});
