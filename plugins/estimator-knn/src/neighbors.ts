import { inputError, type Matrix, type StateValue } from '@autopipe/core';
import { KEY } from './params.js';

/** The k nearest training rows of each query, row-major `queries × k`, nearest first (ties: lower row first). */
export interface Neighbors {
  readonly k: number;
  /** Distances in the metric's units (Euclidean or Manhattan). */
  readonly dist: Float64Array;
  /** Training row indices. */
  readonly row: Int32Array;
}

/** A searchable copy of the training points. Distances are Minkowski with power `p` (1 or 2). */
export interface NeighborIndex {
  readonly kind: 'kd_tree' | 'brute';
  readonly rows: number;
  readonly cols: number;
  /** `progress`, if given, is called with the number of queries answered so far, every few queries. */
  query(x: Matrix, k: number, p: number, progress?: (done: number) => void): Neighbors;
  state(): { readonly [k: string]: StateValue };
}

/** Heaps hold Σ|d|^p (no square root per candidate); this turns it back into the distance. */
export function finishDistance(p: number): (d: number) => number {
  return p === 2 ? Math.sqrt : (d) => d;
}

export function checkQuery(index: NeighborIndex, x: Matrix, k: number): void {
  if (x.cols !== index.cols) {
    throw inputError('SCHEMA_MISMATCH', `Estimator "${KEY}" was fitted on ${index.cols} columns but got ${x.cols}; predict with the training columns.`, { estimator: KEY });
  }
  if (!Number.isInteger(k) || k < 1 || k > index.rows) {
    throw inputError('INVALID_ARGUMENT', `Estimator "${KEY}": cannot look up ${k} neighbours among ${index.rows} training rows.`, { estimator: KEY });
  }
}
