import { createMatrix, Rng, type Matrix, type Target, type Task } from '@autopipe/core';

// Data for tests of split-based learners (exact-parity checks such as ONNX export): missing values, ties, and query rows
// sitting exactly on bin edges.

/**
 * Synthetic rows with the awkward parts of real data: missing values in three columns (x0 5%, x3 15%, x4 10%),
 * an integer column with many ties (x2), and a column on another scale (x4).
 */
export function syntheticWithMissing(n: number, seed: number): Matrix {
  const r = new Rng(seed);
  const cols = 5;
  const data = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    data[i] = r.next() < 0.05 ? NaN : r.next() * 4 - 2;
    data[n + i] = r.next() + r.next() + r.next() - 1.5;
    data[2 * n + i] = Math.floor(r.next() * 7);
    data[3 * n + i] = r.next() < 0.15 ? NaN : r.next() * 2 - 1;
    data[4 * n + i] = r.next() < 0.1 ? NaN : r.next() * 1000;
  }
  return createMatrix(n, Array.from({ length: cols }, (_, j) => `x${j}`), data);
}

const at = (x: Matrix, j: number, i: number) => x.data[j * x.rows + i];
const or = (v: number, d: number) => (v === v ? v : d);

/** Targets over `syntheticWithMissing` rows: missingness carries signal, so learned missing directions matter. */
export function targetForSynthetic(x: Matrix, task: Task, seed: number): Target {
  const r = new Rng(seed);
  const n = x.rows;
  if (task === 'regression') {
    return { kind: 'regression', values: Float64Array.from({ length: n }, (_, i) => Math.sin(or(at(x, 0, i), 2)) + 0.3 * at(x, 2, i) + or(at(x, 3, i), 1) + or(at(x, 4, i), 250) / 500 + 0.2 * r.next()) };
  }
  const k = task === 'binary' ? 2 : 3;
  const codes = Int32Array.from({ length: n }, (_, i) => {
    const s = or(at(x, 0, i), 1.5) + or(at(x, 3, i), 1) + 0.4 * at(x, 1, i) + (r.next() - 0.5);
    if (k === 2) return s > 0 ? 1 : 0;
    return at(x, 4, i) !== at(x, 4, i) ? 2 : s > 0.3 ? 1 : s < -0.8 ? 2 : 0;
  });
  return { kind: 'classification', classes: Array.from({ length: k }, (_, c) => `c${c}`), codes };
}

/**
 * Query rows: fresh synthetic rows, then for every feature a run of rows whose value sits exactly on each of the
 * model's bin edges (where `<=` against `<` decides), and one row that is all missing.
 */
export function binEdgeQueryRows(n: number, seed: number, edges: Float64Array, offsets: Int32Array): Matrix {
  const base = syntheticWithMissing(n, seed);
  const cols = base.cols;
  let extra = 1;
  for (let j = 0; j < cols; j++) extra += offsets[j + 1] - offsets[j];
  const rows = n + extra;
  const data = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) data.set(base.data.subarray(j * n, (j + 1) * n), j * rows);
  let i = n;
  for (let j = 0; j < cols; j++) {
    for (let e = offsets[j]; e < offsets[j + 1]; e++, i++) {
      for (let c = 0; c < cols; c++) data[c * rows + i] = at(base, c, (i * 7) % n);
      data[j * rows + i] = edges[e];
    }
  }
  for (let c = 0; c < cols; c++) data[c * rows + i] = NaN;
  return createMatrix(rows, base.names, data);
}
