import { deriveSeed, fitEstimator, takePrediction, takeTarget, type Candidate, type Prediction, type EstimatorDefinition, type Logger, type Matrix, type MetricDefinition } from '@autopipe/core';
import type { TrainingData } from './dataset.js';
import type { Split } from './folds.js';
import { applySteps, fitSteps, type FittedSteps } from './pipeline.js';
import { planPreprocessing, type StepSpec } from './planner.js';
import type { Registry } from './registry.js';
import { OutOfFold, meanStd, safeScore } from './scoring.js';

export interface CandidateScore {
  /** Out-of-fold prediction on the scored rows (every row for k-fold, the validation rows for a holdout). */
  readonly oof: Prediction;
  readonly score: number;
  readonly std: number;
  readonly foldScores: number[];
  readonly steps: StepSpec[];
}

/**
 * Scores one candidate on the splits: preprocessing planned from the estimator's capabilities and fitted inside each
 * fold (never on validation rows), the estimator fitted on the fold's training rows, the metric on out-of-fold
 * predictions. Returns 'timeout' when `stopAt` passes between folds.
 */
export async function evaluateCandidate(a: {
  def: EstimatorDefinition; candidate: Candidate; data: TrainingData; splits: readonly Split[]; prep: PrepCache;
  metric: MetricDefinition; trial: number; seed: number; stopAt: number; logger: Logger; available: ReadonlySet<string>;
}): Promise<CandidateScore | 'timeout'> {
  const { def, data, splits, metric } = a;
  const steps = planPreprocessing(data.features, def, a.available, data.frame.nrow);
  const oof = new OutOfFold(data.y);
  const foldScores: number[] = [];
  for (let f = 0; f < splits.length; f++) {
    if (Date.now() >= a.stopAt) return 'timeout';
    const { train, valid } = splits[f];
    const { xTrain, xValid } = await a.prep.get(steps, f);
    const ctx = { seed: deriveSeed(a.seed, a.trial, f), logger: a.logger, ...(Number.isFinite(a.stopAt) ? { deadline: a.stopAt } : {}) };
    const model = await fitEstimator(def, xTrain, takeTarget(data.y, train), a.candidate.params, ctx);
    // A learner that saw the deadline may have stopped early: its model is not the configuration asked for.
    if (Date.now() >= a.stopAt) return 'timeout';
    const p = model.predict(xValid);
    oof.put(valid, p);
    foldScores.push(safeScore(metric, takeTarget(data.y, valid), p));
  }
  // k-fold: score all out-of-fold predictions at once (every row is predicted once); holdout: the one fold.
  const all = oof.prediction();
  const prediction = splits.length === 1 ? takePrediction(all, splits[0].valid) : all;
  const score = splits.length === 1 ? foldScores[0] : safeScore(metric, data.y, all);
  return { oof: prediction, score, std: meanStd(foldScores).std, foldScores, steps };
}

/** Preprocessing fitted once per (plan, fold) and shared by all trials using that plan. */
export class PrepCache {
  private readonly cache = new Map<string, { xTrain: Matrix; xValid: Matrix; fitted: FittedSteps }>();

  constructor(private readonly registry: Registry, private readonly data: TrainingData, private readonly splits: readonly Split[], private readonly seed: number) {}

  async get(steps: readonly StepSpec[], fold: number): Promise<{ xTrain: Matrix; xValid: Matrix }> {
    const key = `${fold}|${JSON.stringify(steps)}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const { train, valid } = this.splits[fold];
    const ctx = { seed: deriveSeed(this.seed, 'prep', fold), logger: { debug() {}, info() {}, warn() {} } };
    const { fitted, x } = await fitSteps(this.registry, steps, this.data.frame.take(train), takeTarget(this.data.y, train), ctx);
    const entry = { xTrain: x, xValid: applySteps(fitted, this.data.frame.take(valid)), fitted };
    this.cache.set(key, entry);
    return entry;
  }
}
