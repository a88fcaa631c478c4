import { inputError, type SearchSpace } from '@autopipe/core';

/**
 * Hyperparameters of `gbm`. Names follow scikit-learn's HistGradientBoosting where it has one
 * (`max_leaf_nodes` → `max_leaves`, `l2_regularization` → `l2`, `max_iter` → `n_estimators`).
 */
export type GbmParams = {
  /** Boosting iterations at most (one tree per iteration, or one per class for multiclass). */
  readonly n_estimators: number;
  /** Shrinkage applied to every leaf value. */
  readonly learning_rate: number;
  /** Leaves per tree; trees grow best-first (largest gain next) up to this. */
  readonly max_leaves: number;
  /** Levels of splits below the root; 0 means no limit (the leaf count bounds the tree). */
  readonly max_depth: number;
  readonly min_samples_leaf: number;
  /** Smallest hessian sum a child may have (XGBoost's min_child_weight, scikit-learn's 1e-3). */
  readonly min_child_weight: number;
  /** L2 penalty λ on leaf values: gain uses G²/(H+λ), leaves -G/(H+λ). */
  readonly l2: number;
  /** Quantile bins per feature, 2..255 (NaN has a bin of its own on top). */
  readonly max_bins: number;
  /** Fraction of rows drawn (without replacement) for each iteration. */
  readonly subsample: number;
  /** Fraction of features drawn for each tree. */
  readonly colsample: number;
  /** Regression loss: `squared`, `absolute` or `huber`. Classification always uses log loss. */
  readonly loss: string;
  /** `auto` (on when there are more than 10,000 rows), `true` or `false`. */
  readonly early_stopping: string;
  readonly validation_fraction: number;
  readonly n_iter_no_change: number;
  /** An iteration counts as an improvement when it lowers the validation loss by more than this. */
  readonly tol: number;
  /**
   * Threads that build histograms: the fitting thread plus `n_threads - 1` worker threads. 1 by default because
   * AutoML already fits cross-validation folds in parallel on worker threads, one per core: more threads per fit
   * would only compete for the same cores. Any value gives the same model, bit for bit.
   */
  readonly n_threads: number;
};

export const KEY = 'gbm';

export const defaults: GbmParams = {
  n_estimators: 100,
  learning_rate: 0.1,
  max_leaves: 31,
  max_depth: 0,
  min_samples_leaf: 20,
  min_child_weight: 1e-3,
  l2: 0,
  max_bins: 255,
  subsample: 1,
  colsample: 1,
  loss: 'squared',
  early_stopping: 'auto',
  validation_fraction: 0.1,
  n_iter_no_change: 10,
  tol: 1e-7,
  n_threads: 1,
};

/**
 * Where AutoML looks. Learning rate and tree size trade off against the iteration count, which early stopping
 * trims on large data; l2 searches 1e-3..10 on a log scale (0, the default, is the "off" end of that range).
 */
export const space: SearchSpace = {
  learning_rate: { kind: 'float', low: 0.01, high: 0.3, log: true },
  max_leaves: { kind: 'int', low: 4, high: 256, log: true },
  min_samples_leaf: { kind: 'int', low: 2, high: 100, log: true },
  l2: { kind: 'float', low: 1e-3, high: 10, log: true },
  n_estimators: { kind: 'int', low: 50, high: 1000, log: true },
  subsample: { kind: 'float', low: 0.5, high: 1 },
  colsample: { kind: 'float', low: 0.5, high: 1 },
};

/** More threads than this only adds wake-up latency to every histogram build. */
export const MAX_THREADS = 64;

export const LOSSES = ['squared', 'absolute', 'huber'] as const;

/** Rejects values no search would pick, with a message naming the parameter and what it accepts. */
export function checkParams(p: GbmParams): void {
  const bad = (param: keyof GbmParams, want: string): never => {
    throw inputError('INVALID_PARAMS', `Estimator "${KEY}": hyperparameter "${param}" must be ${want}, got ${JSON.stringify(p[param])}.`, { estimator: KEY, param });
  };
  const int = (v: number, low: number): boolean => Number.isInteger(v) && v >= low;
  const frac = (v: number): boolean => v > 0 && v <= 1;
  if (!int(p.n_estimators, 1)) bad('n_estimators', 'an integer >= 1');
  if (!(p.learning_rate >= 0)) bad('learning_rate', 'a number >= 0');
  if (!int(p.max_leaves, 2)) bad('max_leaves', 'an integer >= 2');
  if (!int(p.max_depth, 0)) bad('max_depth', 'an integer >= 0 (0: no limit)');
  if (!int(p.min_samples_leaf, 1)) bad('min_samples_leaf', 'an integer >= 1');
  if (!(p.min_child_weight >= 0)) bad('min_child_weight', 'a number >= 0');
  if (!(p.l2 >= 0)) bad('l2', 'a number >= 0');
  if (!int(p.max_bins, 2) || p.max_bins > 255) bad('max_bins', 'an integer from 2 to 255');
  if (!frac(p.subsample)) bad('subsample', 'a fraction in (0, 1]');
  if (!frac(p.colsample)) bad('colsample', 'a fraction in (0, 1]');
  if (!(LOSSES as readonly string[]).includes(p.loss)) bad('loss', `one of ${LOSSES.join(', ')}`);
  if (!['auto', 'true', 'false'].includes(p.early_stopping)) bad('early_stopping', '"auto", "true" or "false"');
  if (!(p.validation_fraction > 0 && p.validation_fraction < 1)) bad('validation_fraction', 'a fraction in (0, 1)');
  if (!int(p.n_iter_no_change, 1)) bad('n_iter_no_change', 'an integer >= 1');
  if (!(p.tol >= 0)) bad('tol', 'a number >= 0');
  if (!int(p.n_threads, 1) || p.n_threads > MAX_THREADS) bad('n_threads', `an integer from 1 to ${MAX_THREADS}`);
}

/**
 * Relative work of a boosting fit (for `costScale`): rounds × histogram passes per tree — about log2(leaves), the
 * depth a leaf-wise tree reaches, each pass over the (row- and column-sampled) data. Early stopping can end it
 * sooner; the upper bound is what a searcher needs to keep from growing rounds for free.
 */
function work(p: GbmParams): number {
  const leaves = p.max_depth > 0 ? Math.min(p.max_leaves, 2 ** p.max_depth) : p.max_leaves;
  return p.n_estimators * Math.log2(Math.max(2, leaves) + 1) * Math.min(1, Math.max(0.05, p.subsample)) * Math.min(1, Math.max(0.05, p.colsample));
}

export function gbmCostScale(p: GbmParams): number {
  return work(p) / work(defaults);
}
