export { binMatrix, binOf, fitBinEdges, MISSING_BIN, MAX_BINS_LIMIT, DEFAULT_BIN_SAMPLE, type BinEdges, type BinnedMatrix } from './binning.js';
export { entropyCriterion, giniCriterion, varianceCriterion, type RowTargets, type SplitCriterion } from './criterion.js';
export { growTree, type GrowOptions, type GrownTree } from './grow.js';
export { buildHistogram, histogramLayout, subtractHistogram, totalStats, type HistogramLayout } from './histogram.js';
export { findBestSplit, findRandomSplit, SplitCandidate, SplitScratch } from './split.js';
export { applyTree, predictTree, treeDepth, TreeBuilder, type Tree } from './tree.js';
export { bootstrapRows, outOfBagRows } from './sample.js';
export { emitTreeSum, leafIdEnsemble, splitValue, type BinnedTrees, type LeafIdEnsemble, type TreeSum } from './onnx.js';
