import type { EstimatorDefinition } from '@autopipe/core';
import { fitGbm } from './booster.js';
import { restoreGbmModel } from './gbm-model.js';
import { defaults, KEY, space, type GbmParams } from './params.js';

/**
 * Histogram gradient boosting (like LightGBM, XGBoost `hist`, scikit-learn HistGradientBoosting): leaf-wise
 * trees on up to 255 quantile bins per feature, second-order gains, learned missing-value directions,
 * shrinkage, row/column subsampling and early stopping on a held-out split.
 */
export const gbm: EstimatorDefinition<GbmParams> = {
  kind: 'estimator',
  key: KEY,
  description: 'Histogram gradient boosting (leaf-wise trees, handles missing values, early stopping) for classification and regression',
  tasks: ['binary', 'multiclass', 'regression'],
  capabilities: ['missing-values', 'importances'],
  defaults,
  space,
  fit: (x, y, p, ctx) => fitGbm(x, y, p, ctx),
  restore: (state) => restoreGbmModel(KEY, state),
};
