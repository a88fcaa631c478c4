import {
  createMatrix, deriveSeed, fitEstimator, metricLoss, takeRows, takeTarget, type EstimatorDefinition, type FittedModel, type Matrix,
  type MetricDefinition, type Prediction, type Target,
} from '@autopipe/core';
import { OutOfFold, safeScore } from './scoring.js';
import type { OofRecord } from './ensemble.js';
import { kFold } from './folds.js';

/** Meta-learner keys by task family; regularized linear models, so stacking cannot overfit many members. */
export const META_LEARNER = { classification: 'logistic', regression: 'ridge' } as const;

export interface StackingSelection {
  readonly members: readonly number[];
  readonly meta: { readonly key: string; readonly model: FittedModel };
  /** Score of the meta-learner's own out-of-fold predictions over the members' out-of-fold predictions. */
  readonly score: number;
}

/**
 * Level-one features from member predictions: P(positive) per member for binary tasks (the other column is
 * redundant), every class probability for multiclass, the value for regression. Column-major, like any matrix.
 */
export function stackFeatures(preds: readonly Prediction[]): Matrix {
  const first = preds[0];
  const rows = first.kind === 'classification' ? first.labels.length : first.values.length;
  const names: string[] = [];
  const cols: Float64Array[] = [];
  preds.forEach((p, m) => {
    if (p.kind === 'regression') {
      names.push(`m${m}`);
      cols.push(p.values);
      return;
    }
    const k = p.classes.length;
    const from = k === 2 ? 1 : 0;
    for (let c = from; c < k; c++) {
      const col = new Float64Array(rows);
      for (let i = 0; i < rows; i++) col[i] = p.proba[i * k + c];
      names.push(`m${m}_${p.classes[c]}`);
      cols.push(col);
    }
  });
  const data = new Float64Array(rows * cols.length);
  cols.forEach((c, j) => data.set(c, j * rows));
  return createMatrix(rows, names, data);
}

/**
 * Stacking: a regularized linear meta-learner on the members' out-of-fold predictions. Its score comes from its
 * own k-fold CV over those predictions, so the comparison with single models is out-of-sample at both levels.
 */
export async function stackingSelection(library: readonly OofRecord[], y: Target, metric: MetricDefinition, meta: EstimatorDefinition, seed: number, size = 5): Promise<StackingSelection | null> {
  const top = [...library].sort((a, b) => a.loss - b.loss || a.trial - b.trial).slice(0, size);
  if (top.length < 2) return null;
  const z = stackFeatures(top.map((r) => r.prediction));
  const ctx = { seed: deriveSeed(seed, 'stack'), logger: { debug() {}, info() {}, warn() {} } };
  const oof = new OutOfFold(y);
  for (const s of kFold(y, 5, deriveSeed(seed, 'stack-split'))) {
    const m = await fitEstimator(meta, takeRows(z, s.train), takeTarget(y, s.train), {}, ctx);
    oof.put(s.valid, m.predict(takeRows(z, s.valid)));
  }
  const score = safeScore(metric, y, oof.prediction());
  if (!Number.isFinite(metricLoss(metric, score))) return null;
  const model = await fitEstimator(meta, z, y, {}, ctx);
  return { members: top.map((r) => r.trial), meta: { key: meta.key, model }, score };
}
