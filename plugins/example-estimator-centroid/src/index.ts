import { definePlugin } from '@autopipe/core';
import { nearestCentroid } from './nearest-centroid.js';

/**
 * The package's one manifest. Nothing registers at import time: the autopipe CLI (`--plugin`, or `plugins` in
 * `autopipe.config.json`) or your own `createRuntime({ plugins: [...] })` reads it and checks `core` first.
 */
export const plugin = definePlugin({
  name: '@autopipe/example-estimator-nearest-centroid',
  version: '0.1.0',
  core: '^0.1.0',
  provides: [nearestCentroid],
});
export default plugin;
export { nearestCentroid, nearestCentroidSpace } from './nearest-centroid.js';
export type { NearestCentroidParams } from './nearest-centroid.js';
