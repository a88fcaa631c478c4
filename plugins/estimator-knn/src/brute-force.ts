import { stateField, type Matrix, type StateValue } from '@autopipe/core';
import { NeighborHeap } from './neighbor-heap.js';
import { checkQuery, finishDistance, type NeighborIndex, type Neighbors } from './neighbors.js';
import { KEY } from './params.js';

// A block of queries × training rows whose partial distances stay in cache while the columns stream past:
// 16 × 1024 doubles = 128 KiB, and each training column slice (8 KiB) is reused by 16 queries.
const QUERY_BLOCK = 16;
const TRAIN_BLOCK = 1024;

/**
 * Exhaustive search over a column-major copy of the training matrix, blocked so distances accumulate
 * column by column over contiguous runs. The right choice for many dimensions, where KD-trees prune little.
 */
export class BruteForceIndex implements NeighborIndex {
  readonly kind = 'brute';

  private constructor(readonly rows: number, readonly cols: number, private readonly data: Float64Array) {}

  /** Copies the training matrix (the model must not share memory with its input). */
  static build(x: Matrix): BruteForceIndex {
    return new BruteForceIndex(x.rows, x.cols, x.data.slice());
  }

  static restore(s: StateValue): BruteForceIndex {
    const owner = `estimator "${KEY}"`;
    const rows = stateField<number>(s, 'rows', (v) => Number.isInteger(v) && (v as number) > 0, owner);
    const cols = stateField<number>(s, 'cols', (v) => Number.isInteger(v) && (v as number) >= 0, owner);
    const data = stateField<Float64Array>(s, 'data', (v) => v instanceof Float64Array && v.length === rows * cols, owner);
    return new BruteForceIndex(rows, cols, data);
  }

  state(): { readonly [k: string]: StateValue } {
    return { rows: this.rows, cols: this.cols, data: this.data };
  }

  query(x: Matrix, k: number, p: number, progress?: (done: number) => void): Neighbors {
    checkQuery(this, x, k);
    const { rows: n, cols: d, data: train } = this;
    const nq = x.rows;
    const q = x.data;
    const out: Neighbors = { k, dist: new Float64Array(nq * k), row: new Int32Array(nq * k) };
    const heap = new NeighborHeap(QUERY_BLOCK, k);
    const acc = new Float64Array(QUERY_BLOCK * TRAIN_BLOCK);
    const finish = finishDistance(p);
    for (let q0 = 0; q0 < nq; q0 += QUERY_BLOCK) {
      const qb = Math.min(QUERY_BLOCK, nq - q0);
      heap.clear();
      for (let t0 = 0; t0 < n; t0 += TRAIN_BLOCK) {
        const tb = Math.min(TRAIN_BLOCK, n - t0);
        acc.fill(0);
        // Same accumulation order (column 0 first, starting from 0) as the KD-tree, so equal points give
        // bit-equal distances and both strategies break ties identically.
        for (let j = 0; j < d; j++) {
          if (p === 2) accumulateSquares(acc, q, j * nq + q0, qb, train, j * n + t0, tb);
          else accumulateAbs(acc, q, j * nq + q0, qb, train, j * n + t0, tb);
        }
        for (let a = 0; a < qb; a++) {
          const row = a * TRAIN_BLOCK;
          let bound = heap.bound(a);
          for (let t = 0; t < tb; t++) {
            // Rows arrive in increasing order, so a tie with the current k-th best never displaces it.
            if (acc[row + t] < bound) {
              heap.push(a, acc[row + t], t0 + t);
              bound = heap.bound(a);
            }
          }
        }
      }
      for (let a = 0; a < qb; a++) heap.drain(a, out.dist, out.row, (q0 + a) * k, finish);
      progress?.(q0 + qb);
    }
    return out;
  }
}

// The two kernels are separate functions so each inner loop is branch-free and optimized on its own.

/** acc[a][t] += (q[qAt + a] − train[tAt + t])² for a block of queries × training rows of one column. */
function accumulateSquares(acc: Float64Array, q: Float64Array, qAt: number, qb: number, train: Float64Array, tAt: number, tb: number): void {
  for (let a = 0; a < qb; a++) {
    const qv = q[qAt + a];
    const row = a * TRAIN_BLOCK;
    for (let t = 0; t < tb; t++) {
      const diff = qv - train[tAt + t];
      acc[row + t] += diff * diff;
    }
  }
}

/** acc[a][t] += |q[qAt + a] − train[tAt + t]| for a block of queries × training rows of one column. */
function accumulateAbs(acc: Float64Array, q: Float64Array, qAt: number, qb: number, train: Float64Array, tAt: number, tb: number): void {
  for (let a = 0; a < qb; a++) {
    const qv = q[qAt + a];
    const row = a * TRAIN_BLOCK;
    for (let t = 0; t < tb; t++) acc[row + t] += Math.abs(qv - train[tAt + t]);
  }
}
