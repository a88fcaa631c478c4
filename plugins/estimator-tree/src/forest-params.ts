import { inputError, type SearchSpace, type Task } from '@autopipe/core';
import { MAX_BINS_LIMIT } from '@autopipe/trees';

/**
 * Hyperparameters shared by `random_forest` and `extra_trees`; names follow scikit-learn's forests.
 * `max_features` is a number so that it stays plain data and can be searched as a float: 0 means
 * scikit-learn's default (√p features for classification, all p for regression), a fraction f in (0, 1]
 * means max(1, ⌊f·p⌋) features drawn for each split.
 */
export type ForestParams = {
  readonly n_estimators: number;
  readonly bootstrap: boolean;
  readonly max_features: number;
  /** 0: unlimited. */
  readonly max_depth: number;
  readonly min_samples_leaf: number;
  readonly min_samples_split: number;
  /** `gini` or `entropy`; ignored for regression (squared error). */
  readonly criterion: string;
  readonly max_bins: number;
};

export const forestDefaults: ForestParams = {
  n_estimators: 100,
  bootstrap: true,
  max_features: 0,
  max_depth: 0,
  min_samples_leaf: 1,
  min_samples_split: 2,
  criterion: 'gini',
  max_bins: 255,
};

/**
 * Where AutoML looks. max_depth is categorical because 0 (unlimited) is the usual best and must be reachable;
 * max_features 0.1..1 covers √p (≈0.22 at 20 features) and bagging (1); criterion only matters for classifiers.
 */
export const forestSpace: SearchSpace = {
  n_estimators: { kind: 'int', low: 50, high: 500, log: true },
  max_features: { kind: 'float', low: 0.1, high: 1 },
  min_samples_leaf: { kind: 'int', low: 1, high: 50, log: true },
  max_depth: { kind: 'categorical', choices: [0, 8, 12, 16, 24] },
  criterion: { kind: 'categorical', choices: ['gini', 'entropy'] },
};

export function checkForestParams(key: string, p: ForestParams): void {
  const bad = (param: keyof ForestParams, want: string): never => {
    throw inputError('INVALID_PARAMS', `Estimator "${key}": hyperparameter "${param}" must be ${want}, got ${JSON.stringify(p[param])}.`, { estimator: key, param });
  };
  const int = (v: number, low: number): boolean => Number.isInteger(v) && v >= low;
  if (!int(p.n_estimators, 1)) bad('n_estimators', 'an integer >= 1');
  if (!(p.max_features === 0 || (p.max_features > 0 && p.max_features <= 1))) bad('max_features', '0 (scikit-learn default) or a fraction in (0, 1]');
  if (!int(p.max_depth, 0)) bad('max_depth', 'an integer >= 0 (0: unlimited)');
  if (!int(p.min_samples_leaf, 1)) bad('min_samples_leaf', 'an integer >= 1');
  if (!int(p.min_samples_split, 2)) bad('min_samples_split', 'an integer >= 2');
  if (p.criterion !== 'gini' && p.criterion !== 'entropy') bad('criterion', '"gini" or "entropy"');
  if (!int(p.max_bins, 2) || p.max_bins > MAX_BINS_LIMIT) bad('max_bins', `an integer from 2 to ${MAX_BINS_LIMIT}`);
}

/** Features drawn per split for `cols` columns. */
export function featuresPerSplit(maxFeatures: number, cols: number, classification: boolean): number {
  if (maxFeatures === 0) return classification ? Math.max(1, Math.floor(Math.sqrt(cols))) : cols;
  return Math.max(1, Math.min(cols, Math.floor(maxFeatures * cols)));
}

/**
 * Relative cost of a forest fit against the defaults (`costScale`): trees × features tried per split. Depth and
 * leaf size change it too, but by how much depends on the data; the two that scale it linearly are enough for a
 * searcher to see that 500 trees on all features cost far more than 100 on √p. The default draws √p features for
 * classification and all p for regression (the task, when the host gives it; classification otherwise).
 */
export function forestCostScale(p: ForestParams, shape: { readonly features: number; readonly task?: Task }): number {
  const cols = Math.max(1, shape.features);
  const classification = shape.task !== 'regression';
  return (p.n_estimators * featuresPerSplit(p.max_features, cols, classification)) / (forestDefaults.n_estimators * featuresPerSplit(0, cols, classification));
}
