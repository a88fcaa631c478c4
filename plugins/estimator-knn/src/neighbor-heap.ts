/**
 * Bounded max-heaps of the k best (distance, training row) pairs, one per slot, in flat typed arrays so a
 * block of queries shares one allocation. Order is lexicographic on (distance, row): equal distances go to
 * the lower training row, which makes every search strategy return the same neighbours.
 */
export class NeighborHeap {
  readonly dist: Float64Array;
  readonly row: Int32Array;
  private readonly size: Int32Array;

  constructor(slots: number, readonly k: number) {
    this.dist = new Float64Array(slots * k);
    this.row = new Int32Array(slots * k);
    this.size = new Int32Array(slots);
  }

  clear(): void {
    this.size.fill(0);
  }

  /** The current k-th best distance: a candidate farther than this cannot enter. +Infinity until k are held. */
  bound(slot: number): number {
    return this.size[slot] < this.k ? Infinity : this.dist[slot * this.k];
  }

  push(slot: number, d: number, r: number): void {
    const k = this.k;
    const base = slot * k;
    const D = this.dist;
    const R = this.row;
    const n = this.size[slot];
    if (n < k) {
      let c = n;
      while (c > 0) {
        const up = (c - 1) >> 1;
        const ud = D[base + up];
        const ur = R[base + up];
        if (ud > d || (ud === d && ur > r)) break;
        D[base + c] = ud;
        R[base + c] = ur;
        c = up;
      }
      D[base + c] = d;
      R[base + c] = r;
      this.size[slot] = n + 1;
      return;
    }
    const td = D[base];
    if (d > td || (d === td && r > R[base])) return;
    this.siftDown(base, k, d, r);
  }

  /**
   * Empties a slot, writing its pairs in ascending (distance, row) order to `outDist`/`outRow` from `at`.
   * `finish` maps the heap's distance (the metric's cheap reduced form) to the reported one.
   */
  drain(slot: number, outDist: Float64Array, outRow: Int32Array, at: number, finish: (d: number) => number): void {
    const base = slot * this.k;
    const D = this.dist;
    const R = this.row;
    for (let n = this.size[slot]; n > 0; n--) {
      outDist[at + n - 1] = finish(D[base]);
      outRow[at + n - 1] = R[base];
      if (n > 1) this.siftDown(base, n - 1, D[base + n - 1], R[base + n - 1]);
    }
    this.size[slot] = 0;
  }

  /** Places (d, r) at the root of a heap of `n` entries and sinks it below worse children. */
  private siftDown(base: number, n: number, d: number, r: number): void {
    const D = this.dist;
    const R = this.row;
    let c = 0;
    for (;;) {
      let w = 2 * c + 1;
      if (w >= n) break;
      const o = w + 1;
      if (o < n && (D[base + o] > D[base + w] || (D[base + o] === D[base + w] && R[base + o] > R[base + w]))) w = o;
      const wd = D[base + w];
      if (wd < d || (wd === d && R[base + w] < r)) break;
      D[base + c] = wd;
      R[base + c] = R[base + w];
      c = w;
    }
    D[base + c] = d;
    R[base + c] = r;
  }
}
