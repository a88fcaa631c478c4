import type { Rng } from '@autopipe/core';
import { MISSING_BIN } from './binning.js';
import type { SplitCriterion } from './criterion.js';
import type { HistogramLayout } from './histogram.js';

/** The best split found for a node: rows with `bin <= threshold` go left, missing ones follow `missingLeft`. */
export class SplitCandidate {
  feature = -1;
  threshold = 0;
  missingLeft = false;
  gain = -Infinity;
  readonly left: Float64Array;
  readonly right: Float64Array;

  constructor(stats: number) {
    this.left = new Float64Array(stats);
    this.right = new Float64Array(stats);
  }
}

/** Reusable buffers for `findBestSplit`, so split finding allocates nothing. */
export class SplitScratch {
  readonly cum: Float64Array;
  readonly l: Float64Array;
  readonly r: Float64Array;

  constructor(stats: number) {
    this.cum = new Float64Array(stats);
    this.l = new Float64Array(stats);
    this.r = new Float64Array(stats);
  }
}

/**
 * Scores the threshold whose left side holds `cum`, with the node's missing rows (at `miss` in `hist`) on the right and,
 * when there are any, on the left; keeps it in `best` when its gain is larger. Returns whether `best` changed.
 */
export function tryThreshold(
  hist: Float64Array, miss: number, cum: Float64Array, parent: Float64Array, parentScore: number, crit: SplitCriterion,
  minLeaf: number, scratch: SplitScratch, best: SplitCandidate, feature: number, threshold: number,
): boolean {
  const { l, r } = scratch;
  const S = cum.length;
  const total = parent[0];
  const missN = hist[miss];
  const nCum = cum[0];
  let changed = false;
  if (nCum >= minLeaf && total - nCum >= minLeaf) {
    for (let s = 0; s < S; s++) r[s] = parent[s] - cum[s];
    const g = crit.score(cum, 0) + crit.score(r, 0) - parentScore;
    if (g > best.gain) {
      best.gain = g;
      best.feature = feature;
      best.threshold = threshold;
      best.missingLeft = false;
      best.left.set(cum);
      best.right.set(r);
      changed = true;
    }
  }
  if (missN > 0 && nCum + missN >= minLeaf && total - nCum - missN >= minLeaf) {
    for (let s = 0; s < S; s++) {
      l[s] = cum[s] + hist[miss + s];
      r[s] = parent[s] - l[s];
    }
    const g = crit.score(l, 0) + crit.score(r, 0) - parentScore;
    if (g > best.gain) {
      best.gain = g;
      best.feature = feature;
      best.threshold = threshold;
      best.missingLeft = true;
      best.left.set(l);
      best.right.set(r);
      changed = true;
    }
  }
  return changed;
}

/**
 * Scans the histograms of `features[0..nFeatures)` for the split with the largest gain whose children both keep
 * at least `minLeaf` rows. Every threshold is tried twice, with the node's missing rows on the left and on the
 * right; when the node has no missing rows for the chosen feature they default to the child with more rows.
 * Returns false if no valid split exists. Ties keep the first candidate, so results are deterministic.
 */
export function findBestSplit(
  hist: Float64Array, layout: HistogramLayout, valueBins: Int32Array, parent: Float64Array,
  features: Int32Array, nFeatures: number, crit: SplitCriterion, minLeaf: number,
  scratch: SplitScratch, best: SplitCandidate,
): boolean {
  const S = layout.stats;
  const parentScore = crit.score(parent, 0);
  const { cum } = scratch;
  best.feature = -1;
  best.gain = -Infinity;
  let bestMissing = 0;
  for (let fi = 0; fi < nFeatures; fi++) {
    const j = features[fi];
    const base = layout.offsets[j] * S;
    const miss = base + MISSING_BIN * S;
    const missN = hist[miss];
    const k = valueBins[j];
    cum.fill(0);
    for (let b = 1; b <= k; b++) {
      const at = base + b * S;
      // An empty bin gives the same partition as the previous threshold.
      if (hist[at] === 0) continue;
      for (let s = 0; s < S; s++) cum[s] += hist[at + s];
      if (tryThreshold(hist, miss, cum, parent, parentScore, crit, minLeaf, scratch, best, j, b)) bestMissing = missN;
    }
  }
  if (best.feature < 0) return false;
  if (bestMissing === 0) best.missingLeft = best.left[0] >= best.right[0];
  return true;
}

/**
 * Extremely randomized split (Geurts et al. 2006) on bins: for each of `features[0..nFeatures)` one threshold is
 * drawn uniformly among the bins from the node's lowest to one below its highest non-empty value bin, so both
 * sides get at least one value bin; the candidate with the largest gain wins. Missing rows try both sides, as in
 * `findBestSplit`. Features constant in the node, or whose drawn split leaves a child under `minLeaf` rows, are
 * skipped (scikit-learn skips them as well). Returns false if no candidate is valid.
 */
export function findRandomSplit(
  hist: Float64Array, layout: HistogramLayout, valueBins: Int32Array, parent: Float64Array,
  features: Int32Array, nFeatures: number, crit: SplitCriterion, minLeaf: number, rng: Rng,
  scratch: SplitScratch, best: SplitCandidate,
): boolean {
  const S = layout.stats;
  const parentScore = crit.score(parent, 0);
  const { cum } = scratch;
  best.feature = -1;
  best.gain = -Infinity;
  let bestMissing = 0;
  for (let fi = 0; fi < nFeatures; fi++) {
    const j = features[fi];
    const base = layout.offsets[j] * S;
    const miss = base + MISSING_BIN * S;
    const missN = hist[miss];
    const k = valueBins[j];
    let lo = 1;
    while (lo <= k && hist[base + lo * S] === 0) lo++;
    let hi = k;
    while (hi > lo && hist[base + hi * S] === 0) hi--;
    if (hi <= lo) continue;
    const t = lo + rng.int(hi - lo);
    cum.fill(0);
    for (let b = lo; b <= t; b++) {
      const at = base + b * S;
      for (let s = 0; s < S; s++) cum[s] += hist[at + s];
    }
    if (tryThreshold(hist, miss, cum, parent, parentScore, crit, minLeaf, scratch, best, j, t)) bestMissing = missN;
  }
  if (best.feature < 0) return false;
  if (bestMissing === 0) best.missingLeft = best.left[0] >= best.right[0];
  return true;
}
