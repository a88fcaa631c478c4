// A worker thread of the trial pool: composes the same plugins as the main thread (bundled, then the external
// entries it was given) and runs fold jobs. Loaded by piscina; the default export handles one job.
import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';
import { silentLogger, type PluginManifest, type Prediction } from '@autopipe/core';
import { Registry, createRuntime, runFoldJob, type FoldJob } from '@autopipe/runtime';
import { manifestOf } from './external-plugins.js';
import { BUNDLED_PLUGINS } from './plugins.js';

const entries = ((workerData as { externalEntries?: string[] } | undefined)?.externalEntries) ?? [];
const external: PluginManifest[] = [];
for (const entry of entries) {
  const manifest = manifestOf((await import(pathToFileURL(entry).href)) as Record<string, unknown>);
  if (manifest) external.push(manifest);
}
const registry = createRuntime({ plugins: [...BUNDLED_PLUGINS, ...external] }).resolve(Registry);

export default function runJob(job: FoldJob): Promise<Prediction> {
  return runFoldJob(registry, job, silentLogger);
}
