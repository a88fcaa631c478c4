// A worker thread of the trial pool: composes the same plugins as the main thread (bundled, then the external
// entries it was given) and runs fold jobs. Loaded by piscina; the default export handles one job.
import { silentLogger, type Prediction } from '@autopipe/core';
import { runFoldJob, type FoldJob } from '@autopipe/runtime';
import { workerRegistry } from './worker-registry.js';

const registry = await workerRegistry();

export default function runJob(job: FoldJob): Promise<Prediction> {
  return runFoldJob(registry, job, silentLogger);
}
