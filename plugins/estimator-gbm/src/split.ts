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
  const parent = (G * G) / (H + l2);
  let bestGain = 0;
  let bestMissing = 0;
  best.feature = -1;
  for (let fi = 0; fi < nFeatures; fi++) {
    const j = features[fi];
    const base = hist + layout.offsets[j] * STATS;
    const mg = heap[base];
    const mh = heap[base + 1];
    const mn = heap[base + 2];
    const k = layout.valueBins[j];
    let cg = 0;
    let ch = 0;
    let cn = 0;
    for (let b = 1; b <= k; b++) {
      const at = base + b * STATS;
      const nb = heap[at + 2];
      // An empty bin repeats the previous threshold's partition.
      if (nb === 0) continue;
      cg += heap[at];
      ch += heap[at + 1];
      cn += nb;
      // Missing rows on the right.
      if (cn >= minN && N - cn >= minN && ch >= minH && H - ch >= minH) {
        const gr = G - cg;
        const gain = (cg * cg) / (ch + l2) + (gr * gr) / (H - ch + l2) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          best.feature = j;
          best.threshold = b;
          best.missingLeft = false;
          best.gl = cg;
          best.hl = ch;
          best.nl = cn;
          bestMissing = mn;
        }
      }
      if (mn === 0) continue;
      // Missing rows on the left.
      const lg = cg + mg;
      const lh = ch + mh;
      const ln = cn + mn;
      if (ln >= minN && N - ln >= minN && lh >= minH && H - lh >= minH) {
        const gr = G - lg;
        const gain = (lg * lg) / (lh + l2) + (gr * gr) / (H - lh + l2) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          best.feature = j;
          best.threshold = b;
          best.missingLeft = true;
          best.gl = lg;
          best.hl = lh;
          best.nl = ln;
          bestMissing = mn;
        }
      }
    }
  }
  if (best.feature < 0) return false;
  best.gain = bestGain;
  best.gr = G - best.gl;
  best.hr = H - best.hl;
  best.nr = N - best.nl;
  if (bestMissing === 0) best.missingLeft = best.nl >= best.nr;
  return true;
}
