// A worker thread of the trial pool: composes the same plugins as the main thread (bundled, then the external
// entries it was given) and runs fold jobs. Loaded by piscina; the default export handles one job.
import { silentLogger, type Prediction } from '@autopipe/core';
import { runFoldJob, type FoldJob } from '@autopipe/runtime';
import { markedMessage } from './remote-error.js';
import { workerRegistry } from './worker-registry.js';

const registry = await workerRegistry();

/** Errors keep their AutopipeError code in the message: crossing to the main thread drops every other field. */
export default async function runJob(job: FoldJob): Promise<Prediction> {
  try {
    return await runFoldJob(registry, job, silentLogger);
  } catch (e) {
    throw new Error(markedMessage(e));
  }
}
