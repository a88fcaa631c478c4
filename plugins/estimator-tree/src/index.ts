import { definePlugin } from '@autopipe/core';
import { decisionTree } from './decision-tree.js';
import { extraTrees } from './extra-trees.js';
import { randomForest } from './random-forest.js';

/**
 * autopipe plugin: histogram-based tree learners for classification and regression — a CART decision tree
 * (`decision_tree`), a random forest (`random_forest`) and extremely randomized trees (`extra_trees`).
 */
export const plugin = definePlugin({ name: '@autopipe/estimator-tree', version: '0.1.0', core: '^0.1.0', provides: [decisionTree, randomForest, extraTrees] });
export default plugin;
export { decisionTree, type DecisionTreeParams } from './decision-tree.js';
export { randomForest } from './random-forest.js';
export { extraTrees } from './extra-trees.js';
export { forestDefaults, forestSpace, type ForestParams } from './forest-params.js';
export { ForestModel, restoreForestModel } from './forest-model.js';
export { type FlatForest } from './flat-forest.js';
export { TreeModel, restoreTreeModel } from './tree-model.js';
