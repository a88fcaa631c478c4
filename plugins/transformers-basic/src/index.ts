import { definePlugin } from '@autopipe/core';
import { encodeOneHot } from './encode-onehot.js';
import { imputeCategorical } from './impute-categorical.js';
import { imputeNumeric } from './impute-numeric.js';
import { scaleStandard } from './scale-standard.js';

/** Basic preprocessing: numeric and categorical imputation, one-hot encoding, standard scaling. */
export const plugin = definePlugin({
  name: '@autopipe/transformers-basic',
  version: '0.1.0',
  core: '^0.1.0',
  provides: [imputeNumeric, imputeCategorical, encodeOneHot, scaleStandard],
});
export default plugin;
export { encodeOneHot, imputeCategorical, imputeNumeric, scaleStandard };
export type { CategoricalImputeParams } from './impute-categorical.js';
export type { NumericImputeParams } from './impute-numeric.js';
export type { OneHotParams } from './encode-onehot.js';
export type { StandardScaleParams } from './scale-standard.js';
