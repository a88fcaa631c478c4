import { classPrediction, metricLoss, type MetricDefinition, type Prediction, type Target } from '@autopipe/core';
import { safeScore } from './scoring.js';

/** A trial's out-of-fold prediction over the scored rows, kept for ensemble selection. */
export interface OofRecord {
  readonly trial: number;
  readonly loss: number;
  readonly prediction: Prediction;
}

export interface EnsembleSelection {
  /** Member trials and weights (summing to 1), heaviest first. */
  readonly members: readonly { readonly trial: number; readonly weight: number }[];
  readonly score: number;
}

function numbers(p: Prediction): Float64Array {
  return p.kind === 'classification' ? p.proba : p.values;
}

function asPrediction(like: Prediction, data: Float64Array): Prediction {
  return like.kind === 'classification' ? classPrediction(like.classes, data) : { kind: 'regression', values: data };
}

/** Weighted average of predictions with the same shape (probabilities stay normalized: weights sum to 1). */
export function blendPredictions(preds: readonly Prediction[], weights: readonly number[]): Prediction {
  const out = new Float64Array(numbers(preds[0]).length);
  preds.forEach((p, m) => {
    const src = numbers(p);
    const w = weights[m];
    for (let i = 0; i < out.length; i++) out[i] += w * src[i];
  });
  return asPrediction(preds[0], out);
}

/**
 * Greedy ensemble selection with replacement (Caruana et al., 2004) on out-of-fold predictions: start from the
 * best single model, then repeatedly add (again, possibly) the library member that most improves the metric of
 * the averaged prediction. Weights are selection counts over rounds. Deterministic: ties go to the earlier trial.
 */
export function caruanaSelection(library: readonly OofRecord[], y: Target, metric: MetricDefinition, rounds = 25, deadline = Infinity): EnsembleSelection {
  const sorted = [...library].sort((a, b) => a.loss - b.loss || a.trial - b.trial);
  const len = numbers(sorted[0].prediction).length;
  const sum = new Float64Array(len);
  const counts = new Map<number, number>();
  const add = (r: OofRecord) => {
    const src = numbers(r.prediction);
    for (let i = 0; i < len; i++) sum[i] += src[i];
    counts.set(r.trial, (counts.get(r.trial) ?? 0) + 1);
  };
  add(sorted[0]);
  let bestLoss = sorted[0].loss;
  // Weights of the best round so far: more rounds can overfit the out-of-fold rows, so keep the best, not the last.
  let bestCounts = new Map(counts);
  const trialBuf = new Float64Array(len);
  // Each round scores every member on every row; past the deadline the best round so far is kept.
  for (let round = 1; round < rounds && Date.now() < deadline; round++) {
    let pick: OofRecord | null = null;
    let pickLoss = Infinity;
    for (const r of sorted) {
      const src = numbers(r.prediction);
      const scale = 1 / (round + 1);
      for (let i = 0; i < len; i++) trialBuf[i] = (sum[i] + src[i]) * scale;
      const s = safeScore(metric, y, asPrediction(r.prediction, trialBuf));
      const l = Number.isFinite(s) ? metricLoss(metric, s) : Infinity;
      if (l < pickLoss) { pickLoss = l; pick = r; }
    }
    if (!pick) break;
    add(pick);
    if (pickLoss < bestLoss) {
      bestLoss = pickLoss;
      bestCounts = new Map(counts);
    }
  }
  const total = [...bestCounts.values()].reduce((a, b) => a + b, 0);
  const members = [...bestCounts.entries()].map(([trial, c]) => ({ trial, weight: c / total })).sort((a, b) => b.weight - a.weight || a.trial - b.trial);
  const blended = blendPredictions(members.map((m) => sorted.find((r) => r.trial === m.trial)!.prediction), members.map((m) => m.weight));
  return { members, score: safeScore(metric, y, blended) };
}

/**
 * The selection cut down until `fits` accepts its trials (the refits fit in the time left): the lightest members go
 * first, never `keep` (the already refitted best model); weights renormalized, heaviest first. Null when fewer than
 * two members would remain.
 */
export function trimSelection(members: EnsembleSelection['members'], fits: (trials: readonly number[]) => boolean, keep: number): { trial: number; weight: number }[] | null {
  const kept = [...members].sort((a, b) => b.weight - a.weight || a.trial - b.trial);
  while (kept.length >= 2 && !fits(kept.map((m) => m.trial))) {
    const drop = kept.findLastIndex((m) => m.trial !== keep);
    kept.splice(drop, 1);
  }
  if (kept.length < 2) return null;
  const total = kept.reduce((s, m) => s + m.weight, 0);
  return kept.map((m) => ({ trial: m.trial, weight: m.weight / total }));
}
