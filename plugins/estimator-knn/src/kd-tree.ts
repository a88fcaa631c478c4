import { stateField, type Matrix, type StateValue } from '@autopipe/core';
import { NeighborHeap } from './neighbor-heap.js';
import { checkQuery, finishDistance, type NeighborIndex, type Neighbors } from './neighbors.js';
import { KEY } from './params.js';

/** Queries between progress calls (a power of two): a clock read per query would cost more than a fast one takes. */
const PROGRESS_EVERY = 16;

/**
 * A balanced KD-tree in flat typed arrays. Nodes are numbered as in a binary heap (children of i are 2i+1 and
 * 2i+2) and every node owns the contiguous slot range [start, end) of the permuted points, so a leaf scan reads
 * one run of row-major memory. Each node keeps its bounding box; a query visits the nearer child first and
 * skips a node whose box is farther than the current k-th neighbour.
 */
export class KdTreeIndex implements NeighborIndex {
  readonly kind = 'kd_tree';

  private constructor(
    readonly rows: number,
    readonly cols: number,
    /** Row-major points in slot order: slot s is training row perm[s]. */
    private readonly points: Float64Array,
    private readonly perm: Int32Array,
    private readonly start: Int32Array,
    private readonly end: Int32Array,
    /** Bounding boxes, `nodes × cols` each. */
    private readonly lo: Float64Array,
    private readonly hi: Float64Array,
  ) {}

  static build(x: Matrix, leafSize: number): KdTreeIndex {
    const n = x.rows;
    const d = x.cols;
    const data = x.data;
    // As in scikit-learn: enough levels that leaves hold between leafSize and 2·leafSize points.
    const levels = Math.floor(Math.log2(Math.max(1, (n - 1) / leafSize))) + 1;
    const nodes = 2 ** levels - 1;
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    const start = new Int32Array(nodes);
    const end = new Int32Array(nodes);
    const lo = new Float64Array(nodes * d);
    const hi = new Float64Array(nodes * d);
    const build = (node: number, s: number, e: number): void => {
      start[node] = s;
      end[node] = e;
      let widest = 0;
      let spread = -1;
      for (let j = 0; j < d; j++) {
        let a = Infinity;
        let b = -Infinity;
        const col = j * n;
        for (let i = s; i < e; i++) {
          const v = data[col + perm[i]];
          if (v < a) a = v;
          if (v > b) b = v;
        }
        lo[node * d + j] = a;
        hi[node * d + j] = b;
        if (b - a > spread) {
          spread = b - a;
          widest = j;
        }
      }
      if (2 * node + 1 >= nodes) return;
      const mid = s + ((e - s) >> 1);
      selectNth(perm, s, e, mid, data, widest * n);
      build(2 * node + 1, s, mid);
      build(2 * node + 2, mid, e);
    };
    build(0, 0, n);
    const points = new Float64Array(n * d);
    for (let s = 0; s < n; s++) for (let j = 0; j < d; j++) points[s * d + j] = data[j * n + perm[s]];
    return new KdTreeIndex(n, d, points, perm, start, end, lo, hi);
  }

  static restore(s: StateValue): KdTreeIndex {
    const owner = `estimator "${KEY}"`;
    const is = (C: new (n: number) => unknown) => (v: StateValue) => v instanceof C;
    const rows = stateField<number>(s, 'rows', (v) => Number.isInteger(v) && (v as number) > 0, owner);
    const cols = stateField<number>(s, 'cols', (v) => Number.isInteger(v) && (v as number) >= 0, owner);
    const points = stateField<Float64Array>(s, 'points', (v) => v instanceof Float64Array && v.length === rows * cols, owner);
    const perm = stateField<Int32Array>(s, 'perm', (v) => v instanceof Int32Array && v.length === rows, owner);
    const start = stateField<Int32Array>(s, 'start', is(Int32Array), owner);
    const nodes = start.length;
    const end = stateField<Int32Array>(s, 'end', (v) => v instanceof Int32Array && v.length === nodes, owner);
    const lo = stateField<Float64Array>(s, 'lo', (v) => v instanceof Float64Array && v.length === nodes * cols, owner);
    const hi = stateField<Float64Array>(s, 'hi', (v) => v instanceof Float64Array && v.length === nodes * cols, owner);
    return new KdTreeIndex(rows, cols, points, perm, start, end, lo, hi);
  }

  state(): { readonly [k: string]: StateValue } {
    const { rows, cols, points, perm, start, end, lo, hi } = this;
    return { rows, cols, points, perm, start, end, lo, hi };
  }

  query(x: Matrix, k: number, p: number, progress?: (done: number) => void): Neighbors {
    checkQuery(this, x, k);
    const d = this.cols;
    const nq = x.rows;
    const nodes = this.start.length;
    const out: Neighbors = { k, dist: new Float64Array(nq * k), row: new Int32Array(nq * k) };
    const heap = new NeighborHeap(1, k);
    const q = new Float64Array(d);
    // Depth-first with two pushes per pop: the stack never holds more than one entry per level plus one.
    const depth = Math.log2(nodes + 1) + 2;
    const stackNode = new Int32Array(depth);
    const stackBound = new Float64Array(depth);
    const { points, perm, start, end } = this;
    const finish = finishDistance(p);
    for (let i = 0; i < nq; i++) {
      for (let j = 0; j < d; j++) q[j] = x.data[j * nq + i];
      stackNode[0] = 0;
      stackBound[0] = this.boxDistance(0, q, p);
      let top = 1;
      while (top > 0) {
        top--;
        const node = stackNode[top];
        // Strictly farther only: a box at exactly the k-th distance may hold a tie with a lower row index.
        if (stackBound[top] > heap.bound(0)) continue;
        const left = 2 * node + 1;
        if (left >= nodes) {
          if (p === 2) scanLeafSquares(heap, q, points, perm, d, start[node], end[node]);
          else scanLeafAbs(heap, q, points, perm, d, start[node], end[node]);
          continue;
        }
        const bl = this.boxDistance(left, q, p);
        const br = this.boxDistance(left + 1, q, p);
        const near = bl <= br ? left : left + 1;
        stackNode[top] = near === left ? left + 1 : left;
        stackBound[top] = near === left ? br : bl;
        stackNode[top + 1] = near;
        stackBound[top + 1] = near === left ? bl : br;
        top += 2;
      }
      heap.drain(0, out.dist, out.row, i * k, finish);
      if (progress && (i & (PROGRESS_EVERY - 1)) === PROGRESS_EVERY - 1) progress(i + 1);
    }
    return out;
  }

  /**
   * Σ over columns of (gap between q and the node's box)^p: a lower bound on the (reduced) distance to any
   * point in the node. Rounding is monotone, so the bound also holds for the floating-point distances.
   */
  private boxDistance(node: number, q: Float64Array, p: number): number {
    return p === 2 ? boxSquares(this.lo, this.hi, node * this.cols, q) : boxAbs(this.lo, this.hi, node * this.cols, q);
  }
}

// Per-metric kernels as separate functions so each inner loop is branch-free and optimized on its own.

function boxSquares(lo: Float64Array, hi: Float64Array, base: number, q: Float64Array): number {
  let acc = 0;
  for (let j = 0; j < q.length; j++) {
    const below = lo[base + j] - q[j];
    const above = q[j] - hi[base + j];
    const gap = below > 0 ? below : above > 0 ? above : 0;
    acc += gap * gap;
  }
  return acc;
}

function boxAbs(lo: Float64Array, hi: Float64Array, base: number, q: Float64Array): number {
  let acc = 0;
  for (let j = 0; j < q.length; j++) {
    const below = lo[base + j] - q[j];
    const above = q[j] - hi[base + j];
    acc += below > 0 ? below : above > 0 ? above : 0;
  }
  return acc;
}

/**
 * Offers the leaf's points to the heap. The partial sum only grows, so a point stops being summed once it
 * exceeds the k-th distance; summation order (column 0 first, from 0) matches brute force bit for bit.
 */
function scanLeafSquares(heap: NeighborHeap, q: Float64Array, points: Float64Array, perm: Int32Array, d: number, s0: number, e: number): void {
  let bound = heap.bound(0);
  for (let s = s0; s < e; s++) {
    const base = s * d;
    let acc = 0;
    for (let j = 0; j < d && acc <= bound; j++) {
      const diff = q[j] - points[base + j];
      acc += diff * diff;
    }
    if (acc <= bound) {
      heap.push(0, acc, perm[s]);
      bound = heap.bound(0);
    }
  }
}

function scanLeafAbs(heap: NeighborHeap, q: Float64Array, points: Float64Array, perm: Int32Array, d: number, s0: number, e: number): void {
  let bound = heap.bound(0);
  for (let s = s0; s < e; s++) {
    const base = s * d;
    let acc = 0;
    for (let j = 0; j < d && acc <= bound; j++) acc += Math.abs(q[j] - points[base + j]);
    if (acc <= bound) {
      heap.push(0, acc, perm[s]);
      bound = heap.bound(0);
    }
  }
}

/**
 * Reorders perm[s..e) so perm[nth] holds the row whose key (column value, then row index) ranks nth, with
 * smaller keys before it and larger after. Keys are distinct, so duplicate values cannot degrade the partition.
 */
function selectNth(perm: Int32Array, s: number, e: number, nth: number, data: Float64Array, col: number): void {
  const less = (a: number, b: number): boolean => {
    const va = data[col + a];
    const vb = data[col + b];
    return va < vb || (va === vb && a < b);
  };
  let l = s;
  let r = e - 1;
  while (r > l) {
    const pivot = perm[l + ((r - l) >> 1)];
    let i = l;
    let j = r;
    while (i <= j) {
      while (less(perm[i], pivot)) i++;
      while (less(pivot, perm[j])) j--;
      if (i <= j) {
        const t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
        i++;
        j--;
      }
    }
    if (nth <= j) r = j;
    else if (nth >= i) l = i;
    else return;
  }
}
