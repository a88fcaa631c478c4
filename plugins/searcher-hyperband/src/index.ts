import { definePlugin } from '@autopipe/core';
import { asha, createAsha } from './asha.js';
import { createHyperband, hyperband } from './hyperband.js';

/**
 * `@autopipe/searcher-hyperband`: multi-fidelity searchers `asha` and `hyperband` (candidates fitted on a fraction of
 * each fold's training rows, the best promoted to all of them). Nothing registers at import time.
 */
export const plugin = definePlugin({ name: '@autopipe/searcher-hyperband', version: '0.1.0', core: '^0.1.0', provides: [asha, hyperband] });
export default plugin;
export { asha, createAsha, createHyperband, hyperband };
export { AshaSearch } from './asha-search.js';
export { HyperbandSearch, bracketSize } from './hyperband-search.js';
export { halving, type Halving, type HalvingOptions } from './rungs.js';
