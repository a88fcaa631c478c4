import { definePlugin } from '@autopipe/core';
import { tpe } from './tpe.js';

/** Tree-structured Parzen Estimator search over estimators and their hyperparameter spaces. */
export const plugin = definePlugin({ name: '@autopipe/searcher-tpe', version: '0.1.0', core: '^0.1.0', provides: [tpe] });
export default plugin;
export { tpe };
export { TpeSearch, TPE_DEFAULTS, type TpeOptions } from './tpe-search.js';
