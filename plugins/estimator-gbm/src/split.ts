import { STATS, type GradLayout } from './histogram.js';

/** Limits a split must respect; `l2` is λ in the gain G²/(H+λ). */
export interface SplitRules {
  readonly l2: number;
  readonly minSamplesLeaf: number;
  readonly minChildWeight: number;
}

/**
 * The best split of a node: rows with `bin <= threshold` go left, missing ones (bin 0) follow `missingLeft`.
 * Also carries each child's gradient sums so the children need no extra pass.
 */
export class Split {
  feature = -1;
  threshold = 0;
  missingLeft = false;
  gain = 0;
  gl = 0;
  hl = 0;
  nl = 0;
  gr = 0;
  hr = 0;
  nr = 0;
}

/**
 * Scans the histogram at `heap[hist..]` over `features[0..nFeatures)` for the split with the largest
 * second-order gain `GL²/(HL+λ) + GR²/(HR+λ) − G²/(H+λ)` (the decrease of the loss's quadratic approximation).
 * Each threshold is tried with the node's missing rows on the right and on the left; when the node has no
 * missing rows for the chosen feature, unseen missing values later follow the child with more rows. Only gains
 * above zero count. Ties keep the first candidate, so the result is deterministic.
 */
export function findSplit(
  heap: Float64Array, hist: number, layout: GradLayout, features: Int32Array, nFeatures: number,
  G: number, H: number, N: number, rules: SplitRules, best: Split,
): boolean {
  const { l2, minSamplesLeaf: minN, minChildWeight: minH } = rules;
  // Nothing can split a node with fewer than two leaves' worth of rows or of hessian.
  if (N < 2 * minN || H < 2 * minH) {
    best.feature = -1;
    return false;
  }
  const { offsets, valueBins } = layout;
  const parent = (G * G) / (H + l2);
  // Left counts only grow along the scan: past `lastN` rows on the left no split leaves minN on the right.
  const lastN = N - minN;
  let bestGain = 0;
  let bestMissing = 0;
  let bestFeature = -1;
  let bestThreshold = 0;
  let bestLeft = false;
  let bestG = 0;
  let bestH = 0;
  let bestN = 0;
  for (let fi = 0; fi < nFeatures; fi++) {
    const j = features[fi];
    const base = hist + offsets[j] * STATS;
    const mg = heap[base];
    const mh = heap[base + 1];
    const mn = heap[base + 2];
    const end = base + valueBins[j] * STATS;
    let cg = 0;
    let ch = 0;
    let cn = 0;
    for (let at = base + STATS; at <= end; at += STATS) {
      const nb = heap[at + 2];
      // An empty bin repeats the previous threshold's partition.
      if (nb === 0) continue;
      cg += heap[at];
      ch += heap[at + 1];
      cn += nb;
      if (cn > lastN) break;
      // Missing rows on the right.
      if (cn >= minN && ch >= minH && H - ch >= minH) {
        const gr = G - cg;
        const gain = (cg * cg) / (ch + l2) + (gr * gr) / (H - ch + l2) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = j;
          bestThreshold = (at - base) / STATS;
          bestLeft = false;
          bestG = cg;
          bestH = ch;
          bestN = cn;
          bestMissing = mn;
        }
      }
      if (mn === 0) continue;
      // Missing rows on the left.
      const lg = cg + mg;
      const lh = ch + mh;
      const ln = cn + mn;
      if (ln >= minN && ln <= lastN && lh >= minH && H - lh >= minH) {
        const gr = G - lg;
        const gain = (lg * lg) / (lh + l2) + (gr * gr) / (H - lh + l2) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = j;
          bestThreshold = (at - base) / STATS;
          bestLeft = true;
          bestG = lg;
          bestH = lh;
          bestN = ln;
          bestMissing = mn;
        }
      }
    }
  }
  best.feature = bestFeature;
  if (bestFeature < 0) return false;
  best.threshold = bestThreshold;
  best.missingLeft = bestLeft;
  best.gl = bestG;
  best.hl = bestH;
  best.nl = bestN;
  best.gain = bestGain;
  best.gr = G - best.gl;
  best.hr = H - best.hl;
  best.nr = N - best.nl;
  if (bestMissing === 0) best.missingLeft = best.nl >= best.nr;
  return true;
}
