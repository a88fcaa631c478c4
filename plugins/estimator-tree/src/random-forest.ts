import type { EstimatorDefinition, FitContext, Matrix, Target } from '@autopipe/core';
import { fitForest } from './forest.js';
import { restoreForestModel } from './forest-model.js';
import { forestOnnx } from './tree-onnx.js';
import { checkForestParams, forestCostScale, forestDefaults, forestSpace, type ForestParams } from './forest-params.js';

const KEY = 'random_forest';

/**
 * Random forest (Breiman 2001) on histogram bins: bootstrap rows per tree, `max_features` features drawn per
 * split, best threshold among the bins. Probabilities are the mean of the trees' leaf class frequencies.
 */
export const randomForest: EstimatorDefinition<ForestParams> = {
  kind: 'estimator',
  key: KEY,
  description: 'Random forest (bagged, feature-sampled histogram CART trees) for classification and regression, with out-of-bag score',
  tasks: ['binary', 'multiclass', 'regression'],
  capabilities: ['missing-values', 'importances', 'ordinal-categoricals'],
  defaults: forestDefaults,
  space: forestSpace,
  // Portfolio: measured by tools/bench/portfolio.mjs (5-fold CV on 10 small datasets; see README).
  portfolio: [{ n_estimators: 100, min_samples_leaf: 3 }, { n_estimators: 200, min_samples_leaf: 2, max_features: 0.3 }, { n_estimators: 100, max_features: 0.5 }],
  // Cost: first trial at full size × logistic's, median over the 60 s AutoML suite (tools/bench/costs.mjs).
  cost: 2.9,
  costScale: forestCostScale,
  fit(x: Matrix, y: Target, p: ForestParams, ctx: FitContext) {
    checkForestParams(KEY, p);
    return fitForest(KEY, x, y, p, ctx, 'best');
  },
  restore: (state) => restoreForestModel(KEY, state),
  toOnnx: forestOnnx(KEY),
};
