import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';
import type { PluginManifest } from '@autopipe/core';
import { Registry, createRuntime } from '@autopipe/runtime';
import { manifestOf } from './external-plugins.js';
import { BUNDLED_PLUGINS } from './plugins.js';

/**
 * The plugin registry of a worker thread: the bundled plugins, then the external plugin entries the main thread
 * loaded (passed as `workerData.externalEntries`), so a worker fits with exactly the main thread's plugins.
 */
export async function workerRegistry(): Promise<Registry> {
  const entries = ((workerData as { externalEntries?: string[] } | undefined)?.externalEntries) ?? [];
  const external: PluginManifest[] = [];
  for (const entry of entries) {
    const manifest = manifestOf((await import(pathToFileURL(entry).href)) as Record<string, unknown>);
    if (manifest) external.push(manifest);
  }
  return createRuntime({ plugins: [...BUNDLED_PLUGINS, ...external] }).resolve(Registry);
}
