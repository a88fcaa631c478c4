import type { PluginManifest } from '@autopipe/core';
import type { ModelManifest } from './manifest.js';
import { saveModelDir } from './model-dir.js';
import { redactSource } from './source.js';
import { ensembleSpec, predictorState } from './predictor.js';
import type { TrainResult } from './trainer.js';
import { AUTOPIPE_VERSION, formatVersionFor } from './version.js';

/** Writes the refitted leader of a run as a model directory and returns its manifest. */
export function saveTrainResult(dir: string, r: TrainResult, info: { source?: string; timeBudget?: number; plugins: readonly PluginManifest[] }): ModelManifest {
  const leader = r.leaderboard[0];
  const y = r.data.y;
  const ensemble = ensembleSpec(r.final);
  return saveModelDir(dir, {
    format: 'autopipe-model',
    formatVersion: formatVersionFor(ensemble),
    autopipeVersion: AUTOPIPE_VERSION,
    createdAt: new Date().toISOString(),
    task: r.data.task,
    target: r.data.target,
    ...(y.kind === 'classification' ? { classes: y.classes } : {}),
    schema: r.data.features,
    dropped: r.data.dropped,
    dataWarnings: r.dataWarnings ?? [],
    pipeline: r.bestSingle.spec,
    columns: r.bestSingle.columns,
    ...(ensemble ? { ensemble } : {}),
    metric: { key: r.metric.key, direction: r.metric.direction },
    evaluation: r.evaluation,
    score: { value: leader.score, std: leader.std, foldScores: leader.foldScores },
    leaderboard: r.leaderboard,
    failures: r.failures,
    seed: r.seed,
    training: { rows: r.data.frame.nrow, source: info.source === undefined ? undefined : redactSource(info.source), seconds: r.seconds.total, stoppedBecause: r.stoppedBecause, timeBudget: info.timeBudget },
    plugins: info.plugins.map((p) => ({ name: p.name, version: p.version })),
  }, predictorState(r.final));
}
