import { definePlugin } from '@autopipe/core';
import { clipOutliers } from './clip-outliers.js';
import { encodeOneHot } from './encode-onehot.js';
import { imputeCategorical } from './impute-categorical.js';
import { imputeNumeric } from './impute-numeric.js';
import { scaleRobust } from './scale-robust.js';
import { scaleStandard } from './scale-standard.js';
import { transformPower } from './transform-power.js';
import { transformQuantile } from './transform-quantile.js';

/**
 * Basic preprocessing: numeric and categorical imputation, one-hot encoding, standard and robust scaling,
 * power and quantile transforms for skewed columns, outlier clipping.
 */
export const plugin = definePlugin({
  name: '@autopipe/transformers-basic',
  version: '0.1.0',
  core: '^0.1.0',
  provides: [imputeNumeric, imputeCategorical, encodeOneHot, scaleStandard, scaleRobust, transformPower, transformQuantile, clipOutliers],
});
export default plugin;
export { clipOutliers, encodeOneHot, imputeCategorical, imputeNumeric, scaleRobust, scaleStandard, transformPower, transformQuantile };
export type { CategoricalImputeParams } from './impute-categorical.js';
export type { ClipOutliersParams } from './clip-outliers.js';
export type { NumericImputeParams } from './impute-numeric.js';
export type { OneHotParams } from './encode-onehot.js';
export type { PowerTransformParams } from './transform-power.js';
export type { QuantileTransformParams } from './transform-quantile.js';
export type { RobustScaleParams } from './scale-robust.js';
export type { StandardScaleParams } from './scale-standard.js';
