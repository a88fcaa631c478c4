import { definePlugin } from '@autopipe/core';
import { gbm } from './gbm.js';

/** autopipe plugin: histogram gradient boosting (`gbm`) for binary, multiclass and regression tasks. */
export const plugin = definePlugin({ name: '@autopipe/estimator-gbm', version: '0.1.0', core: '^0.1.0', provides: [gbm] });
export default plugin;
export { gbm };
export { GbmModel, restoreGbmModel, type GbmModelParts } from './gbm-model.js';
export { defaults as gbmDefaults, space as gbmSpace, type GbmParams } from './params.js';
