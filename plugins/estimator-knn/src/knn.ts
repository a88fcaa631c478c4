import type { EstimatorDefinition, FitContext, Matrix, Target } from '@autopipe/core';
import { BruteForceIndex } from './brute-force.js';
import { KdTreeIndex } from './kd-tree.js';
import { KnnModel, restoreKnnModel } from './knn-model.js';
import type { NeighborIndex } from './neighbors.js';
import { knnOnnx } from './onnx.js';
import { checkParams, defaults, KEY, space, type KnnParams } from './params.js';

/** Above this many columns a KD-tree prunes too little to beat blocked brute force (scikit-learn uses 15 too). */
export const KD_TREE_MAX_COLS = 15;

/** The search strategy `auto` picks: a KD-tree for few columns and a small k, brute force otherwise. */
export function chooseAlgorithm(algorithm: string, rows: number, cols: number, k: number): 'kd_tree' | 'brute' {
  if (algorithm === 'kd_tree' || algorithm === 'brute') return algorithm;
  return cols <= KD_TREE_MAX_COLS && 2 * k < rows ? 'kd_tree' : 'brute';
}

function buildIndex(x: Matrix, algorithm: 'kd_tree' | 'brute', leafSize: number): NeighborIndex {
  return algorithm === 'kd_tree' ? KdTreeIndex.build(x, leafSize) : BruteForceIndex.build(x);
}

/**
 * k-nearest neighbours (Euclidean or Manhattan) for classification and regression. Probabilities are the
 * (inverse-distance weighted) neighbour votes; regression is the weighted neighbour mean. Equal distances
 * go to the lower training row, so results are deterministic and the same for every algorithm.
 * `n_neighbors` above the training rows is clamped to the training rows (logged at debug level).
 */
export const knn: EstimatorDefinition<KnnParams> = {
  kind: 'estimator',
  key: KEY,
  description: 'k-nearest neighbours (KD-tree or blocked brute force) for classification and regression',
  tasks: ['binary', 'multiclass', 'regression'],
  capabilities: ['needs-scaling'],
  defaults,
  space,
  // Portfolio: measured by tools/bench/portfolio.mjs (5-fold CV on 10 small datasets; see README).
  portfolio: [{ n_neighbors: 15, weights: 'distance' }, { n_neighbors: 15 }, { n_neighbors: 30, weights: 'distance' }],
  // Cost: tools/bench/costs.mjs measures 0.6 (× logistic, per 2,000 rows squared), but only where a first trial ran:
  // low-dimensional data, where the KD-tree answers queries. On one-hot-wide data (adult) brute force projected 38 s
  // for a trial that 0.6 estimated at 6 s, and an underestimate costs a whole fold round before the trial is stopped.
  cost: 2.5,
  // Prediction compares every query row with every training row: on adult (26k rows) one fold took longer than a
  // whole 30 s budget in which logistic regression needed 7 s for five folds.
  costGrowth: 'quadratic',
  fit(x: Matrix, y: Target, p: KnnParams, ctx: FitContext) {
    checkParams(p);
    // Clamped, not an error: cross-validation folds and sampled n_neighbors can meet a small dataset.
    const k = Math.min(p.n_neighbors, x.rows);
    if (k < p.n_neighbors) ctx.logger.debug('knn: n_neighbors clamped to the training rows', { n_neighbors: p.n_neighbors, rows: x.rows });
    const algorithm = chooseAlgorithm(p.algorithm, x.rows, x.cols, k);
    const index = buildIndex(x, algorithm, p.leaf_size);
    const targets = y.kind === 'classification'
      ? { kind: 'classification' as const, classes: [...y.classes], codes: y.codes.slice() }
      : { kind: 'regression' as const, values: y.values.slice() };
    ctx.logger.debug('knn index built', { algorithm, rows: x.rows, cols: x.cols, k });
    return new KnnModel({ index, targets, k, p: p.p, weights: p.weights, smoothing: p.prior_smoothing });
  },
  restore: restoreKnnModel,
  toOnnx: knnOnnx,
};
