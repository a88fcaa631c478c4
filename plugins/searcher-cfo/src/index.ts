import { definePlugin } from '@autopipe/core';
import { cfo } from './cfo.js';

/** Cost-frugal search: cheap strong starts, local search per estimator, budget by expected improvement per second. */
export const plugin = definePlugin({ name: '@autopipe/searcher-cfo', version: '0.1.0', core: '^0.1.0', provides: [cfo] });
export default plugin;
export { cfo };
export { CfoSearch } from './cfo-search.js';
export { ArmStats, eci } from './eci.js';
