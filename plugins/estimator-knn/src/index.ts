import { definePlugin } from '@autopipe/core';
import { knn } from './knn.js';

/** autopipe plugin: k-nearest neighbours (`knn`) for binary, multiclass and regression tasks. */
export const plugin = definePlugin({ name: '@autopipe/estimator-knn', version: '0.1.0', core: '^0.1.0', provides: [knn] });
export default plugin;
export { knn, chooseAlgorithm, KD_TREE_MAX_COLS } from './knn.js';
export type { KnnParams } from './params.js';
export { KnnModel, restoreKnnModel, type KnnModelParts, type KnnTargets } from './knn-model.js';
export { KdTreeIndex } from './kd-tree.js';
export { BruteForceIndex } from './brute-force.js';
export type { NeighborIndex, Neighbors } from './neighbors.js';
