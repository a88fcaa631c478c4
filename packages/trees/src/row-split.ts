import type { Rng } from '@autopipe/core';
import { MISSING_BIN, type BinnedMatrix } from './binning.js';
import type { RowTargets, SplitCriterion } from './criterion.js';
import { tryThreshold, type SplitCandidate, type SplitScratch } from './split.js';

/** Up to this many occupied bins are insertion-sorted; beyond, they are sorted natively or every bin is walked. */
const SORT_LIMIT = 24;

/**
 * Split finding for small nodes straight from their rows. A full histogram costs every bin of every feature per node
 * (clearing, subtracting, scanning), which dominates fully grown trees, where most nodes hold a handful of rows.
 * Here one feature at a time is summed into a scratch histogram that stays zeroed between uses, and only the bins
 * the rows touch are read and cleared, so the cost follows the node's rows. Same thresholds, same gains (up to the
 * rounding of regression sums) and the same random draws as `findBestSplit` / `findRandomSplit` on a histogram.
 */
export class RowSplitter {
  private readonly hist: Float64Array;
  private readonly touched: Int32Array;
  private readonly S: number;
  /** The node's bins of one feature, in node order (extra trees). */
  private local: Int32Array = new Int32Array(0);
  /** The node's targets in node order, gathered once per node so each feature's pass reads them sequentially. */
  private y1: Float64Array = new Float64Array(0);
  private y2: Float64Array = new Float64Array(0);
  private codes: Int32Array = new Int32Array(0);
  /** Stats of the node's missing rows for one feature, laid out as a one-slot histogram for `tryThreshold`. */
  private readonly missing: Float64Array;

  constructor(private readonly x: BinnedMatrix, private readonly t: RowTargets, private readonly crit: SplitCriterion) {
    let maxBins = 0;
    for (let j = 0; j < x.cols; j++) maxBins = Math.max(maxBins, x.valueBins[j]);
    this.S = crit.stats;
    this.hist = new Float64Array((maxBins + 1) * this.S);
    this.touched = new Int32Array(maxBins + 1);
    this.missing = new Float64Array(this.S);
  }

  /**
   * The best split of `rows[start..end)` over `features[0..nFeatures)`: every threshold, or with `rng` one drawn
   * threshold per feature (extra trees). Returns false if no valid split exists; `best` holds the winner otherwise.
   */
  find(
    rows: Int32Array, start: number, end: number, features: Int32Array, nFeatures: number, parent: Float64Array,
    minLeaf: number, rng: Rng | null, scratch: SplitScratch, best: SplitCandidate,
  ): boolean {
    const parentScore = this.crit.score(parent, 0);
    best.feature = -1;
    best.gain = -Infinity;
    let bestMissing = 0;
    if (rng) this.gather(rows, start, end);
    for (let fi = 0; fi < nFeatures; fi++) {
      const j = features[fi];
      if (rng) {
        if (this.randomThreshold(j, rows, start, end, parent, parentScore, minLeaf, rng, scratch, best)) bestMissing = this.missing[0];
        continue;
      }
      const k = this.accumulate(j, rows, start, end);
      const missN = this.hist[MISSING_BIN * this.S];
      if (this.everyThreshold(j, k, parent, parentScore, minLeaf, scratch, best)) bestMissing = missN;
      this.clear(k);
    }
    if (best.feature < 0) return false;
    if (bestMissing === 0) best.missingLeft = best.left[0] >= best.right[0];
    return true;
  }

  /** Sums the rows into the scratch histogram of feature j; returns how many distinct bins they touched. */
  private accumulate(j: number, rows: Int32Array, start: number, end: number): number {
    const h = this.hist;
    const touched = this.touched;
    const S = this.S;
    const bins = this.x.bins;
    const base = j * this.x.rows;
    const t = this.t;
    let k = 0;
    if (t.kind === 'class') {
      const codes = t.codes;
      for (let i = start; i < end; i++) {
        const r = rows[i];
        const b = bins[base + r];
        const at = b * S;
        if (h[at] === 0) touched[k++] = b;
        h[at] += 1;
        h[at + 1 + codes[r]] += 1;
      }
    } else if (t.values.length === 2) {
      const a = t.values[0];
      const c = t.values[1];
      for (let i = start; i < end; i++) {
        const r = rows[i];
        const b = bins[base + r];
        const at = b * S;
        if (h[at] === 0) touched[k++] = b;
        h[at] += 1;
        h[at + 1] += a[r];
        h[at + 2] += c[r];
      }
    } else {
      const vs = t.values;
      for (let i = start; i < end; i++) {
        const r = rows[i];
        const b = bins[base + r];
        const at = b * S;
        if (h[at] === 0) touched[k++] = b;
        h[at] += 1;
        for (let v = 0; v < vs.length; v++) h[at + 1 + v] += vs[v][r];
      }
    }
    return k;
  }

  private clear(k: number): void {
    const h = this.hist;
    const S = this.S;
    for (let i = 0; i < k; i++) {
      const at = this.touched[i] * S;
      for (let s = 0; s < S; s++) h[at + s] = 0;
    }
  }

  private addBin(cum: Float64Array, b: number): void {
    const at = b * this.S;
    for (let s = 0; s < this.S; s++) cum[s] += this.hist[at + s];
  }

  private everyThreshold(j: number, k: number, parent: Float64Array, parentScore: number, minLeaf: number, scratch: SplitScratch, best: SplitCandidate): boolean {
    const { cum } = scratch;
    const h = this.hist;
    const S = this.S;
    const miss = MISSING_BIN * S;
    const touched = this.touched;
    const vb = this.x.valueBins[j];
    for (let s = 0; s < S; s++) cum[s] = 0;
    let changed = false;
    if (k > SORT_LIMIT && 16 * k >= vb) {
      // Most bins occupied: walking them in order is cheaper than sorting.
      for (let b = 1; b <= vb; b++) {
        if (h[b * S] === 0) continue;
        this.addBin(cum, b);
        if (tryThreshold(h, miss, cum, parent, parentScore, this.crit, minLeaf, scratch, best, j, b)) changed = true;
      }
      return changed;
    }
    // Sorting in place is fine: `clear` only needs the set of touched bins, not their order.
    if (k > SORT_LIMIT) touched.subarray(0, k).sort();
    else {
      for (let i = 1; i < k; i++) {
        const v = touched[i];
        let p = i - 1;
        while (p >= 0 && touched[p] > v) {
          touched[p + 1] = touched[p];
          p--;
        }
        touched[p + 1] = v;
      }
    }
    for (let i = 0; i < k; i++) {
      const b = touched[i];
      if (b === MISSING_BIN) continue;
      this.addBin(cum, b);
      if (tryThreshold(h, miss, cum, parent, parentScore, this.crit, minLeaf, scratch, best, j, b)) changed = true;
    }
    return changed;
  }

  private gather(rows: Int32Array, start: number, end: number): void {
    const n = end - start;
    if (this.local.length < n) {
      const cap = Math.max(n, 2 * this.local.length);
      this.local = new Int32Array(cap);
      this.y1 = new Float64Array(cap);
      this.y2 = new Float64Array(cap);
      this.codes = new Int32Array(cap);
    }
    const t = this.t;
    if (t.kind === 'class') {
      const codes = this.codes;
      for (let i = 0; i < n; i++) codes[i] = t.codes[rows[start + i]];
      return;
    }
    if (t.values.length !== 2) return;
    const a = t.values[0];
    const q = t.values[1];
    const y1 = this.y1;
    const y2 = this.y2;
    for (let i = 0; i < n; i++) {
      const r = rows[start + i];
      y1[i] = a[r];
      y2[i] = q[r];
    }
  }

  /**
   * One drawn threshold for feature j: a pass over the node's bins for their range, then one summing the left side
   * and the missing rows. No histogram: a drawn threshold needs only these two sums, as in scikit-learn.
   */
  private randomThreshold(
    j: number, rows: Int32Array, start: number, end: number, parent: Float64Array, parentScore: number, minLeaf: number,
    rng: Rng, scratch: SplitScratch, best: SplitCandidate,
  ): boolean {
    const bins = this.x.bins;
    const base = j * this.x.rows;
    const local = this.local;
    const n = end - start;
    let lo = this.x.valueBins[j] + 1;
    let hi = 0;
    let missN = 0;
    // Branch-free range: a missing bin (0) counts as missing and is lifted above every value bin for the minimum.
    for (let i = 0; i < n; i++) {
      const b = bins[base + rows[start + i]];
      local[i] = b;
      const m = (b - 1) >>> 31;
      missN += m;
      lo = Math.min(lo, b | (m << 20));
      hi = Math.max(hi, b);
    }
    if (hi <= lo) return false;
    const thr = lo + rng.int(hi - lo);
    const { cum } = scratch;
    const miss = this.missing;
    for (let s = 0; s < this.S; s++) {
      cum[s] = 0;
      miss[s] = 0;
    }
    const t = this.t;
    if (t.kind === 'class' && missN === 0) {
      const codes = this.codes;
      // Branch-free: which side a row falls on is a coin flip, a branch would be mispredicted half the time.
      // Two classes need only the count and the number of class-1 rows on the left.
      let nl = 0;
      if (t.classes === 2) {
        let ones = 0;
        for (let i = 0; i < n; i++) {
          const m = ((thr - local[i]) >>> 31) ^ 1;
          nl += m;
          ones += m & codes[i];
        }
        cum[1] = nl - ones;
        cum[2] = ones;
      } else {
        for (let i = 0; i < n; i++) {
          const m = ((thr - local[i]) >>> 31) ^ 1;
          nl += m;
          cum[1 + codes[i]] += m;
        }
      }
      cum[0] = nl;
    } else if (t.kind === 'class') {
      const codes = this.codes;
      for (let i = 0; i < n; i++) {
        const b = local[i];
        const c = 1 + codes[i];
        if (b === MISSING_BIN) miss[c]++;
        else if (b <= thr) cum[c]++;
      }
      for (let c = 1; c < this.S; c++) cum[0] += cum[c];
      miss[0] = missN;
    } else if (t.values.length === 2 && missN === 0) {
      const y1 = this.y1;
      const y2 = this.y2;
      let nl = 0;
      let s1 = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const m = ((thr - local[i]) >>> 31) ^ 1;
        nl += m;
        s1 += m * y1[i];
        s2 += m * y2[i];
      }
      cum[0] = nl;
      cum[1] = s1;
      cum[2] = s2;
    } else if (t.values.length === 2) {
      const y1 = this.y1;
      const y2 = this.y2;
      for (let i = 0; i < n; i++) {
        const b = local[i];
        const mm = (b - 1) >>> 31;
        const m = (((thr - b) >>> 31) ^ 1) & (mm ^ 1);
        cum[0] += m;
        cum[1] += m * y1[i];
        cum[2] += m * y2[i];
        miss[0] += mm;
        miss[1] += mm * y1[i];
        miss[2] += mm * y2[i];
      }
    } else {
      const vs = t.values;
      for (let i = 0; i < n; i++) {
        const b = local[i];
        const r = rows[start + i];
        const into = b === MISSING_BIN ? miss : b <= thr ? cum : null;
        if (!into) continue;
        into[0]++;
        for (let v = 0; v < vs.length; v++) into[1 + v] += vs[v][r];
      }
    }
    return tryThreshold(miss, 0, cum, parent, parentScore, this.crit, minLeaf, scratch, best, j, thr);
  }
}
