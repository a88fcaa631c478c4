import { definePlugin } from '@autopipe/core';
import { random } from './random.js';

/** Seeded random search over estimators and their hyperparameter spaces. */
export const plugin = definePlugin({ name: '@autopipe/searcher-random', version: '0.1.0', core: '^0.1.0', provides: [random] });
export default plugin;
export { random };
export { RandomSearch } from './random-search.js';
