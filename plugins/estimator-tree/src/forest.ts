import { checkPace, deriveSeed, Rng, type FitContext, type Matrix, type Target, isExpired } from '@autopipe/core';
import { binMatrix, bootstrapRows, fitBinEdges, growTree, outOfBagRows, type Tree } from '@autopipe/trees';
import { packTrees } from './flat-forest.js';
import { ForestModel } from './forest-model.js';
import { featuresPerSplit, type ForestParams } from './forest-params.js';
import { OutOfBag } from './oob.js';
import { setupTarget } from './target-setup.js';

/**
 * Fits a forest: the data is binned once and shared by every tree; each tree gets its own seed derived from
 * the forest seed and its index, so tree t is the same whatever else changes. `random` splits make extra trees.
 */
export function fitForest(key: string, x: Matrix, y: Target, p: ForestParams, ctx: FitContext, splitter: 'best' | 'random'): ForestModel {
  const n = x.rows;
  const bins = fitBinEdges(x, p.max_bins, new Rng(deriveSeed(ctx.seed, 'bins')));
  const binned = binMatrix(x, bins);
  const { crit, targets } = setupTarget(y, p.criterion);
  const classification = y.kind === 'classification';
  const opts = {
    maxDepth: p.max_depth === 0 ? Infinity : p.max_depth,
    minSamplesLeaf: p.min_samples_leaf,
    minSamplesSplit: p.min_samples_split,
    minGain: 0,
    maxFeatures: featuresPerSplit(p.max_features, x.cols, classification),
    maxLeaves: 0,
    splitter,
    signal: ctx.signal,
    deadline: ctx.deadline,
  };
  const oob = p.bootstrap ? new OutOfBag(n, crit.valueSize) : null;
  const trees: Tree[] = [];
  const importance = new Float64Array(x.cols);
  let splitTrees = 0;
  // The pace is timed from the second tree: the first also pays for compiling the code in a fresh worker thread.
  let paceFrom = 0;
  for (let t = 0; t < p.n_estimators; t++) {
    if (t === 1) paceFrom = Date.now();
    else if (t >= 3) checkPace(ctx, paceFrom, t - 1, p.n_estimators - 1);
    // A time budget ends the forest early; one tree is always kept so the model is usable.
    if (t > 0 && isExpired(ctx)) break;
    const rng = new Rng(deriveSeed(ctx.seed, 'tree', t));
    const rows = p.bootstrap ? bootstrapRows(n, n, rng) : undefined;
    const { tree, gains } = growTree(binned, targets, crit, opts, rng, rows);
    trees.push(tree);
    if (oob && rows) oob.add(tree, binned, outOfBagRows(n, rows));
    // Like scikit-learn: each tree's importances are normalized, single-leaf trees are left out, the mean is renormalized.
    let total = 0;
    for (const g of gains) total += g;
    if (total > 0) {
      splitTrees++;
      for (let j = 0; j < x.cols; j++) importance[j] += gains[j] / total;
    }
  }
  let sum = 0;
  for (const v of importance) sum += v;
  if (sum > 0) for (let j = 0; j < x.cols; j++) importance[j] /= sum;
  const oobScore = oob ? oob.score(y) : null;
  ctx.logger.debug('forest grown', { estimator: key, trees: trees.length, splitTrees, oobScore });
  return new ForestModel({
    estimator: key,
    classes: classification ? [...y.classes] : null,
    bins,
    forest: packTrees(trees, crit.valueSize),
    importances: importance,
    oobScore,
  });
}
