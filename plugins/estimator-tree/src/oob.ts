import type { Target } from '@autopipe/core';
import { MISSING_BIN, type BinnedMatrix, type Tree } from '@autopipe/trees';

/** Running out-of-bag sums: each row adds the leaf values of the trees that did not see it. */
export class OutOfBag {
  readonly sums: Float64Array;
  readonly counts: Int32Array;

  constructor(rows: number, readonly valueSize: number) {
    this.sums = new Float64Array(rows * valueSize);
    this.counts = new Int32Array(rows);
  }

  add(tree: Tree, x: BinnedMatrix, rows: Int32Array): void {
    const { feature, threshold, missingLeft, left, right, values } = tree;
    const n = x.rows;
    const vs = this.valueSize;
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k];
      let node = 0;
      let j = feature[0];
      while (j >= 0) {
        const b = x.bins[j * n + i];
        node = (b === MISSING_BIN ? missingLeft[node] === 1 : b <= threshold[node]) ? left[node] : right[node];
        j = feature[node];
      }
      for (let c = 0; c < vs; c++) this.sums[i * vs + c] += values[node * vs + c];
      this.counts[i]++;
    }
  }

  /**
   * Accuracy of the arg-max class, or R² of the mean, over the rows that have at least one out-of-bag tree
   * (scikit-learn warns and scores every row instead; rows without a vote carry no information). Null if none.
   */
  score(y: Target): number | null {
    const vs = this.valueSize;
    let used = 0;
    if (y.kind === 'classification') {
      let ok = 0;
      for (let i = 0; i < this.counts.length; i++) {
        if (this.counts[i] === 0) continue;
        used++;
        let best = 0;
        for (let c = 1; c < vs; c++) if (this.sums[i * vs + c] > this.sums[i * vs + best]) best = c;
        if (best === y.codes[i]) ok++;
      }
      return used > 0 ? ok / used : null;
    }
    let mean = 0;
    for (let i = 0; i < this.counts.length; i++) {
      if (this.counts[i] === 0) continue;
      used++;
      mean += y.values[i];
    }
    if (used === 0) return null;
    mean /= used;
    let sse = 0;
    let sst = 0;
    for (let i = 0; i < this.counts.length; i++) {
      if (this.counts[i] === 0) continue;
      sse += (y.values[i] - this.sums[i] / this.counts[i]) ** 2;
      sst += (y.values[i] - mean) ** 2;
    }
    return sst > 0 ? 1 - sse / sst : null;
  }
}
