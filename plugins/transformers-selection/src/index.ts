import { definePlugin } from '@autopipe/core';
import { selectCorrelation } from './select-correlation.js';
import { selectModel } from './select-model.js';
import { selectVariance } from './select-variance.js';

/** Feature selection: near-constant and near-duplicate columns, and target-correlation top-k. */
export const plugin = definePlugin({
  name: '@autopipe/transformers-selection',
  version: '0.1.0',
  core: '^0.1.0',
  provides: [selectVariance, selectCorrelation, selectModel],
});
export default plugin;
export { selectCorrelation, selectModel, selectVariance };
export type { CorrelationSelectParams } from './select-correlation.js';
export type { ModelSelectParams } from './select-model.js';
export type { VarianceSelectParams } from './select-variance.js';
