import { definePlugin } from '@autopipe/core';
import { decisionTree } from './decision-tree.js';

/** autopipe plugin: a histogram-based CART decision tree (`decision_tree`) for classification and regression. */
export const plugin = definePlugin({ name: '@autopipe/estimator-tree', version: '0.1.0', core: '^0.1.0', provides: [decisionTree] });
export default plugin;
export { decisionTree, type DecisionTreeParams } from './decision-tree.js';
export { binMatrix, binOf, fitBinEdges, MISSING_BIN, type BinEdges, type BinnedMatrix } from './binning.js';
export { entropyCriterion, giniCriterion, varianceCriterion, type RowTargets, type SplitCriterion } from './criterion.js';
export { growTree, type GrowOptions, type GrownTree } from './grow.js';
export { applyTree, predictTree, treeDepth, type Tree } from './tree.js';
export { TreeModel, restoreTreeModel } from './tree-model.js';
