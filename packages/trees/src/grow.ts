import type { Rng } from '@autopipe/core';
import type { BinnedMatrix } from './binning.js';
import type { RowTargets, SplitCriterion } from './criterion.js';
import { buildHistogram, histogramLayout, subtractHistogram, totalStats, type HistogramLayout } from './histogram.js';
import { RowSplitter } from './row-split.js';
import { findBestSplit, findRandomSplit, SplitCandidate, SplitScratch } from './split.js';
import { TreeBuilder, type Tree } from './tree.js';

/** Stopping rules and feature sampling for `growTree`. */
export interface GrowOptions {
  /** Levels of splits below the root (the root is depth 0). */
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  readonly minSamplesSplit: number;
  /** A split is kept only if its gain (decrease of rows × impurity) is strictly above this. */
  readonly minGain: number;
  /** Features drawn (without replacement) for each split; `>= cols` means all. */
  readonly maxFeatures: number;
  /** 0: grow depth-first without a leaf limit; otherwise best-first (largest gain next) up to this many leaves. */
  readonly maxLeaves: number;
  /**
   * `best` (default) scans every threshold of each drawn feature; `random` draws one threshold per drawn feature
   * (extremely randomized trees) and keeps the best of those.
   */
  readonly splitter?: 'best' | 'random';
  /** When aborted, growth stops and the tree so far is returned (it is a valid, shallower tree). */
  readonly signal?: AbortSignal;
  /** Wall-clock `Date.now()` after which growth stops (the caller's time budget). */
  readonly deadline?: number;
  /**
   * Nodes with at most this many rows find their split from their rows instead of a histogram (same splits, see
   * `RowSplitter`). Default: chosen from the histogram size; 0 forces histograms everywhere (for tests).
   */
  readonly rowSplitBelow?: number;
}

export interface GrownTree {
  readonly tree: Tree;
  /** Total gain per feature (unnormalized impurity decrease). */
  readonly gains: Float64Array;
}

/** A node whose best split is known but not yet applied; it owns its histogram until then. */
interface Pending {
  readonly node: number;
  readonly start: number;
  readonly end: number;
  readonly depth: number;
  /** Kept for the subtraction trick; null when histograms are built per node for the drawn features only. */
  readonly hist: Float64Array | null;
  readonly split: SplitCandidate;
}

/**
 * Stable in-place partition of `rows[start..end)`; returns where the right child starts. Branch-free: which side a
 * row goes to is close to a coin flip deep in a tree, so a branch would be mispredicted about half the time.
 */
function partition(rows: Int32Array, scratch: Int32Array, start: number, end: number, x: BinnedMatrix, split: SplitCandidate): number {
  const bins = x.bins;
  const base = split.feature * x.rows;
  const t = split.threshold;
  const ml = split.missingLeft ? 1 : 0;
  let l = start;
  let r = 0;
  for (let i = start; i < end; i++) {
    const row = rows[i];
    const b = bins[base + row];
    const le = ((t - b) >>> 31) ^ 1; // b <= t, for small non-negative ints
    const miss = (b - 1) >>> 31; // b === MISSING_BIN (0)
    const g = le ^ (miss & (le ^ ml));
    rows[l] = row;
    scratch[r] = row;
    l += g;
    r += 1 - g;
  }
  rows.set(scratch.subarray(0, r), l);
  return l;
}

/**
 * Grows one tree on binned data. `rows` (default: every row once) may repeat rows, as a bootstrap sample does.
 * With most features drawn per split, histograms are built only for the smaller child of a split and the larger
 * one is the parent's minus it. With at most half of them drawn (forests), each node builds a histogram of its
 * drawn features only: that reads fewer columns than the subtraction trick and clears far fewer slots per node.
 * Nodes with few rows (most nodes of a fully grown tree) skip histograms altogether and split from their rows
 * (`RowSplitter`). All ways give the same tree (up to rounding of regression sums) and draw the same random numbers.
 */
export function growTree(x: BinnedMatrix, targets: RowTargets, crit: SplitCriterion, opts: GrowOptions, rng: Rng, rows?: Int32Array): GrownTree {
  const S = crit.stats;
  let idx: Int32Array;
  if (rows) idx = rows.slice();
  else {
    idx = new Int32Array(x.rows);
    for (let i = 0; i < x.rows; i++) idx[i] = i;
  }
  const scratch = new Int32Array(idx.length);
  const layout: HistogramLayout = histogramLayout(x, S);
  const free: Float64Array[] = [];
  const acquire = (): Float64Array => free.pop() ?? new Float64Array(layout.slots * S);
  const release = (h: Float64Array): void => void free.push(h);
  const splitScratch = new SplitScratch(S);
  const rowSplitter = new RowSplitter(x, targets, crit);
  const candidates: SplitCandidate[] = [];
  const takeCandidate = (): SplitCandidate => candidates.pop() ?? new SplitCandidate(S);
  const features = Int32Array.from({ length: x.cols }, (_, j) => j);
  const nFeatures = Math.max(1, Math.min(x.cols, Math.floor(opts.maxFeatures)));
  const gains = new Float64Array(x.cols);
  // Sized for the largest tree the stopping rules allow (capped), so fully grown trees never regrow the arrays.
  let maxNodes = 2 * Math.floor(idx.length / Math.max(1, opts.minSamplesLeaf)) - 1;
  if (opts.maxLeaves > 0) maxNodes = Math.min(maxNodes, 2 * opts.maxLeaves - 1);
  if (opts.maxDepth < 20) maxNodes = Math.min(maxNodes, 2 ** (opts.maxDepth + 1) - 1);
  const tree = new TreeBuilder(crit.valueSize, Math.max(1, Math.min(maxNodes, 1 << 18)));
  const pending: Pending[] = [];
  const random = opts.splitter === 'random';
  const sampled = 2 * nFeatures <= x.cols;
  const rowsBelow = opts.rowSplitBelow ?? defaultRowSplitBelow(layout, x.cols, random);

  const rootStats = new Float64Array(S);
  totalStats(targets, idx, 0, idx.length, rootStats);
  // Gains below this are rounding noise of the running sums, not structure.
  const minGain = Math.max(opts.minGain, 1e-12 * crit.impurity(rootStats, 0));

  const newLeaf = (stats: Float64Array): number => {
    const node = tree.addLeaf(stats[0]);
    crit.value(stats, 0, tree.values, node * crit.valueSize);
    return node;
  };
  const canSplit = (n: number, depth: number): boolean =>
    depth < opts.maxDepth && n >= opts.minSamplesSplit && n >= 2 * opts.minSamplesLeaf && x.cols > 0;

  const consider = (node: number, start: number, end: number, depth: number, given: Float64Array | null, stats: Float64Array): void => {
    if (nFeatures < x.cols) {
      for (let i = 0; i < nFeatures; i++) {
        const j = i + rng.int(x.cols - i);
        const t = features[i];
        features[i] = features[j];
        features[j] = t;
      }
    }
    const split = takeCandidate();
    let hist = given;
    let found: boolean;
    if (!hist && end - start <= rowsBelow) {
      found = rowSplitter.find(idx, start, end, features, nFeatures, stats, opts.minSamplesLeaf, random ? rng : null, splitScratch, split);
    } else {
      if (!hist) {
        hist = acquire();
        // Without sampling the histogram is kept for subtraction, so it must cover every feature.
        if (sampled) buildHistogram(hist, layout, x, targets, idx, start, end, features, nFeatures);
        else buildHistogram(hist, layout, x, targets, idx, start, end);
      }
      found = random
        ? findRandomSplit(hist, layout, x.valueBins, stats, features, nFeatures, crit, opts.minSamplesLeaf, rng, splitScratch, split)
        : findBestSplit(hist, layout, x.valueBins, stats, features, nFeatures, crit, opts.minSamplesLeaf, splitScratch, split);
    }
    if (found && split.gain > minGain) {
      if (hist && sampled) {
        release(hist);
        hist = null;
      }
      pending.push({ node, start, end, depth, hist, split });
    } else {
      if (hist) release(hist);
      candidates.push(split);
    }
  };

  const root = newLeaf(rootStats);
  if (canSplit(idx.length, 0)) {
    let h: Float64Array | null = null;
    if (!sampled && idx.length > rowsBelow) {
      h = acquire();
      buildHistogram(h, layout, x, targets, idx, 0, idx.length);
    }
    consider(root, 0, idx.length, 0, h, rootStats);
  }

  let leaves = 1;
  while (pending.length > 0 && (opts.maxLeaves <= 0 || leaves < opts.maxLeaves) && !opts.signal?.aborted && !(opts.deadline !== undefined && Date.now() > opts.deadline)) {
    let pick = pending.length - 1;
    if (opts.maxLeaves > 0) for (let i = 0; i < pending.length; i++) if (pending[i].split.gain > pending[pick].split.gain) pick = i;
    const e = pending[pick];
    pending[pick] = pending[pending.length - 1];
    pending.pop();

    const { split, start, end, depth } = e;
    const mid = partition(idx, scratch, start, end, x, split);
    const l = newLeaf(split.left);
    const r = newLeaf(split.right);
    tree.setSplit(e.node, split.feature, split.threshold, split.missingLeft, l, r);
    gains[split.feature] += split.gain;
    leaves++;

    const needL = canSplit(mid - start, depth + 1);
    const needR = canSplit(end - mid, depth + 1);
    // Children small enough to split from their rows need no histogram.
    const histL = needL && mid - start > rowsBelow;
    const histR = needR && end - mid > rowsBelow;
    if (!e.hist || (!histL && !histR)) {
      if (e.hist) release(e.hist);
      if (needR) consider(r, mid, end, depth + 1, null, split.right);
      if (needL) consider(l, start, mid, depth + 1, null, split.left);
      candidates.push(split);
      continue;
    }
    const leftSmaller = mid - start <= end - mid;
    const built = acquire();
    if (leftSmaller) buildHistogram(built, layout, x, targets, idx, start, mid);
    else buildHistogram(built, layout, x, targets, idx, mid, end);
    let hl: Float64Array | null = null;
    let hr: Float64Array | null = null;
    if (leftSmaller ? histR : histL) {
      subtractHistogram(e.hist, built);
      if (leftSmaller) hr = e.hist;
      else hl = e.hist;
    } else {
      release(e.hist);
    }
    if (leftSmaller ? histL : histR) {
      if (leftSmaller) hl = built;
      else hr = built;
    } else {
      release(built);
    }
    // Right first, so depth-first growth pops the left child next, like recursion would.
    if (needR) consider(r, mid, end, depth + 1, hr, split.right);
    if (needL) consider(l, start, mid, depth + 1, hl, split.left);
    candidates.push(split);
  }
  return { tree: tree.finish(), gains };
}

/**
 * Row count up to which a node's split is found from its rows rather than a histogram. A histogram node costs a pass
 * over its rows per feature plus clearing, subtracting and scanning every bin; the row path costs a few passes over
 * the rows per drawn feature, and only one drawn threshold (extra trees) needs no bins at all. Crossovers measured on
 * california housing and adult with 255 bins: about as many rows as a feature has bins for best splits, four times
 * as many for random ones.
 */
function defaultRowSplitBelow(layout: HistogramLayout, cols: number, random: boolean): number {
  const binsPerFeature = cols > 0 ? layout.slots / cols : 0;
  return Math.floor(binsPerFeature * (random ? 4 : 1));
}
