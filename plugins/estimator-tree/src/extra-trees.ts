import type { EstimatorDefinition, FitContext, Matrix, Target } from '@autopipe/core';
import { fitForest } from './forest.js';
import { restoreForestModel } from './forest-model.js';
import { forestOnnx } from './tree-onnx.js';
import { checkForestParams, forestCostScale, forestDefaults, forestSpace, type ForestParams } from './forest-params.js';

const KEY = 'extra_trees';

/**
 * Extremely randomized trees (Geurts et al. 2006) on histogram bins: every drawn feature gets one threshold
 * drawn uniformly among the node's occupied bin range, the best of those splits is kept. No bootstrap by default.
 */
export const extraTrees: EstimatorDefinition<ForestParams> = {
  kind: 'estimator',
  key: KEY,
  description: 'Extremely randomized trees (random thresholds on histogram bins) for classification and regression',
  tasks: ['binary', 'multiclass', 'regression'],
  capabilities: ['missing-values', 'importances', 'ordinal-categoricals'],
  defaults: { ...forestDefaults, bootstrap: false },
  space: forestSpace,
  // Portfolio: measured by tools/bench/portfolio.mjs (5-fold CV on 10 small datasets; see README).
  portfolio: [{ n_estimators: 100, min_samples_leaf: 3 }, { n_estimators: 100, max_features: 0.5 }, { n_estimators: 200, min_samples_leaf: 2, max_features: 0.8 }],
  // Cost: first trial at full size × logistic's, median over the 60 s AutoML suite (tools/bench/costs.mjs).
  cost: 4,
  costScale: forestCostScale,
  fit(x: Matrix, y: Target, p: ForestParams, ctx: FitContext) {
    checkForestParams(KEY, p);
    return fitForest(KEY, x, y, p, ctx, 'random');
  },
  restore: (state) => restoreForestModel(KEY, state),
  toOnnx: forestOnnx(KEY),
};
