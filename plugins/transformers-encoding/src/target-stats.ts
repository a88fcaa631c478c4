import { Rng } from '@autopipe/core';
import type { TargetOutputs } from './target-outputs.js';

/** An m-estimate encoding table: `table[c * k + o]` for level c and output o, plus the prior used for the rest. */
export interface EncodingTable {
  readonly table: Float64Array;
  readonly prior: Float64Array;
}

/**
 * Full-data m-estimate per level: (Σ y over the level's rows + m · prior) / (n_level + m). These are the codes
 * `transform` gives new rows; training rows get `outOfFoldCodes` instead.
 */
export function encodingTable(codes: Int32Array, levels: number, t: TargetOutputs, m: number): EncodingTable {
  const { k, values, weights } = t;
  const counts = new Float64Array(levels);
  const sums = new Float64Array(levels * k);
  const total = new Float64Array(k);
  let n = 0;
  for (let i = 0; i < codes.length; i++) {
    if (weights[i] === 0) continue;
    n++;
    const c = codes[i];
    for (let o = 0; o < k; o++) {
      const v = values[i * k + o];
      total[o] += v;
      if (c >= 0) sums[c * k + o] += v;
    }
    if (c >= 0) counts[c]++;
  }
  const prior = total.map((s) => (n > 0 ? s / n : 0));
  const table = new Float64Array(levels * k);
  for (let c = 0; c < levels; c++) {
    for (let o = 0; o < k; o++) table[c * k + o] = blend(sums[c * k + o], counts[c], prior[o], m);
  }
  return { table, prior };
}

/** (sum + m · prior) / (n + m); the prior alone when there is nothing to blend. */
function blend(sum: number, n: number, prior: number, m: number): number {
  return n + m > 0 ? (sum + m * prior) / (n + m) : prior;
}

/** A seeded shuffled k-fold split: `order` is a permutation, fold f holds order[bounds[f] .. bounds[f + 1]). */
export interface FoldSplit {
  readonly order: Int32Array;
  readonly bounds: Int32Array;
}

export function foldSplit(n: number, folds: number, seed: number): FoldSplit {
  const order = new Rng(seed).shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const f = Math.max(1, Math.min(folds, n));
  const bounds = Int32Array.from({ length: f + 1 }, (_, i) => Math.floor((i * n) / f));
  return { order, bounds };
}

/**
 * Out-of-fold m-estimate codes for the training rows: a row in fold f is encoded with the level sums and counts of
 * the other folds only, so its own target never reaches its level statistics. The prior it is smoothed towards is
 * the training mean over all rows — deliberately: that is one number shared by every row, so it cannot rank rows by
 * their own targets, whereas a per-fold prior (the mean of the other folds) is anti-correlated with the fold's own
 * labels and leaks them in reverse (measured: out-of-fold AUC of a random ID averaged 0.487 over 8 data seeds with
 * per-fold priors, 0.4995 with the shared prior). Computed as full-data sums minus the fold's sums, one fold at a
 * time: O(rows · outputs + folds · levels · outputs). Returns `k` columns of `n` values. With fewer than two folds
 * there is no "other" data and every row gets the prior.
 */
export function outOfFoldCodes(codes: Int32Array, levels: number, t: TargetOutputs, m: number, split: FoldSplit): Float64Array[] {
  const { k, values, weights } = t;
  const n = codes.length;
  const out = Array.from({ length: k }, () => new Float64Array(n));
  const counts = new Float64Array(levels);
  const sums = new Float64Array(levels * k);
  const total = new Float64Array(k);
  let totalN = 0;
  for (let i = 0; i < n; i++) {
    if (weights[i] === 0) continue;
    totalN++;
    const c = codes[i];
    if (c >= 0) counts[c]++;
    for (let o = 0; o < k; o++) {
      total[o] += values[i * k + o];
      if (c >= 0) sums[c * k + o] += values[i * k + o];
    }
  }
  const folds = split.bounds.length - 1;
  const prior = total.map((s) => (totalN > 0 ? s / totalN : 0));
  if (folds < 2) {
    for (let o = 0; o < k; o++) out[o].fill(prior[o]);
    return out;
  }
  const fCounts = new Float64Array(levels);
  const fSums = new Float64Array(levels * k);
  for (let f = 0; f < folds; f++) {
    const lo = split.bounds[f];
    const hi = split.bounds[f + 1];
    fCounts.fill(0);
    fSums.fill(0);
    for (let p = lo; p < hi; p++) {
      const i = split.order[p];
      const c = codes[i];
      if (weights[i] === 0 || c < 0) continue;
      fCounts[c]++;
      for (let o = 0; o < k; o++) fSums[c * k + o] += values[i * k + o];
    }
    for (let p = lo; p < hi; p++) {
      const i = split.order[p];
      const c = codes[i];
      // A level with no rows outside the fold is unseen there: the prior exactly, not prior plus the rounding
      // residue of (sum − fold sum), which would depend on the fold's own targets.
      const rest = c < 0 ? 0 : counts[c] - fCounts[c];
      for (let o = 0; o < k; o++) out[o][i] = rest === 0 ? prior[o] : blend(sums[c * k + o] - fSums[c * k + o], rest, prior[o], m);
    }
  }
  return out;
}
