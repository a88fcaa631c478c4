import { addMatVec, matTVec } from './column-kernels.js';

/** A column is stored sparse when at most this share of its rows is nonzero. */
const SPARSE_SHARE = 0.25;

/**
 * A column-major matrix with its columns split into dense ones, read in place, and sparse ones, whose nonzeros
 * are copied out (compressed sparse columns). The plan one-hot encodes categoricals after scaling, so most
 * columns of a matrix with categoricals hold 0/1 with few ones (adult: 102 of 108 columns): products that
 * visit only the nonzeros do a fraction of the dense work.
 */
export interface SplitColumns {
  readonly x: Float64Array;
  readonly rows: number;
  readonly dense: Int32Array;
  readonly sparse: Int32Array;
  /** Nonzeros of sparse column `sparse[t]` are at positions start[t] … start[t + 1] − 1 of index / value. */
  readonly start: Int32Array;
  /** Row of each nonzero, increasing within a column. */
  readonly index: Int32Array;
  readonly value: Float64Array;
}

/** Splits the columns of `x` (column-major, `rows × cols`); the sparse ones are copied, x is not. */
export function splitColumns(x: Float64Array, rows: number, cols: number): SplitColumns {
  const nnz = new Int32Array(cols);
  let sparseCount = 0;
  let total = 0;
  for (let j = 0; j < cols; j++) {
    const off = j * rows;
    let k = 0;
    for (let i = 0; i < rows; i++) if (x[off + i] !== 0) k++;
    nnz[j] = k;
    if (k <= SPARSE_SHARE * rows) {
      sparseCount++;
      total += k;
    }
  }
  const dense = new Int32Array(cols - sparseCount);
  const sparse = new Int32Array(sparseCount);
  const start = new Int32Array(sparseCount + 1);
  const index = new Int32Array(total);
  const value = new Float64Array(total);
  let d = 0;
  let t = 0;
  let p = 0;
  for (let j = 0; j < cols; j++) {
    if (nnz[j] > SPARSE_SHARE * rows) {
      dense[d++] = j;
      continue;
    }
    sparse[t++] = j;
    const off = j * rows;
    for (let i = 0; i < rows; i++) {
      const v = x[off + i];
      if (v === 0) continue;
      index[p] = i;
      value[p++] = v;
    }
    start[t] = p;
  }
  return { x, rows, dense, sparse, start, index, value };
}

/** z[i] += Σⱼ w[wOff + j]·x[j·rows + i] over all columns: the dense ones four at a time, then the sparse ones. */
export function splitMatVec(s: SplitColumns, w: Float64Array, wOff: number, z: Float64Array): void {
  addMatVec(s.x, s.rows, s.dense, w, wOff, z);
  const { sparse, start, index, value } = s;
  for (let t = 0; t < sparse.length; t++) {
    const wj = w[wOff + sparse[t]];
    if (wj === 0) continue;
    for (let p = start[t]; p < start[t + 1]; p++) z[index[p]] += wj * value[p];
  }
}

/**
 * out[j] = Σᵢ x[j·rows + i]·r[i] for every column j. Sparse columns skip zero terms and keep row order, so
 * each sum has the dense loop's value.
 */
export function splitMatTVec(s: SplitColumns, r: Float64Array, out: Float64Array): void {
  matTVec(s.x, s.rows, s.dense, r, out);
  const { sparse, start, index, value } = s;
  for (let t = 0; t < sparse.length; t++) {
    let sum = 0;
    for (let p = start[t]; p < start[t + 1]; p++) sum += r[index[p]] * value[p];
    out[sparse[t]] = sum;
  }
}
