// A worker thread of `autopipe worker`: rebuilds a run's data from the job (read the source, prepareRun, a PrepCache)
// once per run id, then redoes the fold bit for bit (foldJob + runFoldJob). Fits run here rather than on the main
// thread so that BullMQ's lock renewal there never waits for a long fit and a busy worker is not mistaken for a dead one.
import { AutopipeError, inputError, isAutopipeError, silentLogger } from '@autopipe/core';
import { PrepCache, foldJob, prepareRun, readSource, redactSource, runFoldJob, type Split, type TrainingData } from '@autopipe/runtime';
import { encodePrediction, type EncodedPrediction } from './prediction-codec.js';
import type { RemoteFoldJob, RunData } from './redis-executor.js';
import { markedMessage } from './remote-error.js';

import { workerRegistry } from './worker-registry.js';

const registry = await workerRegistry();

interface OpenRun { readonly data: TrainingData; readonly splits: readonly Split[]; readonly prep: PrepCache }

/** Runs whose data stay loaded; a coordinator runs one at a time, so two cover a new run starting as one ends. */
const KEEP_RUNS = 2;
const runs = new Map<string, Promise<OpenRun>>();

async function openRun(d: RunData): Promise<OpenRun> {
  const frame = await readSource(registry, d.source, { format: d.format, query: d.query, missing: d.missing, types: d.types }, { seed: d.seed, logger: silentLogger })
    .catch((e: unknown) => {
      if (!isAutopipeError(e) || e.category !== 'input') throw e;
      // The coordinator could read it: what is wrong is where this worker runs, so say what a worker needs.
      throw new AutopipeError(e.code, `${e.message} Every \`autopipe worker\` reads the training data itself: make ${redactSource(d.source)} readable on this machine (the same path on a shared disk, or a URL).`, e.details);
    });
  if (d.rows !== undefined && frame.nrow !== d.rows) {
    throw inputError('SCHEMA_MISMATCH', `This worker read ${frame.nrow} rows from ${redactSource(d.source)}, the coordinator ${d.rows}: every worker must read the same data.`);
  }
  const { data, splits } = prepareRun(registry, { frame, target: d.target, task: d.task, ignore: d.ignore, folds: d.folds, holdout: d.holdout, seed: d.seed }, silentLogger);
  return { data, splits, prep: new PrepCache(registry, data, splits, d.seed) };
}

function run(job: RemoteFoldJob): Promise<OpenRun> {
  let open = runs.get(job.run);
  if (open) {
    runs.delete(job.run);
  } else {
    open = openRun(job.data);
    // A failed read is not cached: the next job of the run tries again (the file may have appeared).
    open.catch(() => { if (runs.get(job.run) === open) runs.delete(job.run); });
  }
  runs.set(job.run, open);
  while (runs.size > KEEP_RUNS) runs.delete(runs.keys().next().value!);
  return open;
}

export default async function runRemoteFold(job: RemoteFoldJob): Promise<EncodedPrediction> {
  try {
    return await fitFold(job);
  } catch (e) {
    // Leaving the thread keeps only the message: the code goes in it.
    throw new Error(markedMessage(e));
  }
}

async function fitFold(job: RemoteFoldJob): Promise<EncodedPrediction> {
  const { data, splits, prep } = await run(job);
  if (job.spec.fold >= splits.length) {
    throw inputError('SCHEMA_MISMATCH', `Fold ${job.spec.fold} asked, but this worker's split of the data has ${splits.length} folds: coordinator and worker disagree on the data.`);
  }
  const fold = await foldJob(job.spec, data, splits, prep);
  return encodePrediction(await runFoldJob(registry, fold, silentLogger));
}
