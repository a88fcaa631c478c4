import { definePlugin } from '@autopipe/core';
import { decisionTree } from './decision-tree.js';

/** autopipe plugin: a histogram-based CART decision tree (`decision_tree`) for classification and regression. */
export const plugin = definePlugin({ name: '@autopipe/estimator-tree', version: '0.1.0', core: '^0.1.0', provides: [decisionTree] });
export default plugin;
export { decisionTree, type DecisionTreeParams } from './decision-tree.js';
export { TreeModel, restoreTreeModel } from './tree-model.js';
