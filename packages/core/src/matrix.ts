import { inputError } from './errors.js';
import type { Frame } from './frame.js';

/**
 * The numeric input of an estimator: `rows × cols` float64 values stored column-major
 * (`data[j * rows + i]` is row i of column j), so a learner scans one feature as one contiguous run.
 * Missing values are NaN.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly names: readonly string[];
  readonly data: Float64Array;
}

export function createMatrix(rows: number, names: readonly string[], data?: Float64Array): Matrix {
  const d = data ?? new Float64Array(rows * names.length);
  if (d.length !== rows * names.length) throw inputError('INVALID_ARGUMENT', `Matrix data has ${d.length} values, expected ${rows} × ${names.length}.`);
  return { rows, cols: names.length, names, data: d };
}

/** A view of column j (no copy). */
export function matrixColumn(m: Matrix, j: number): Float64Array {
  return m.data.subarray(j * m.rows, (j + 1) * m.rows);
}

/** The listed rows, in order, as a new matrix. */
export function takeRows(m: Matrix, rows: ArrayLike<number>): Matrix {
  const n = rows.length;
  const out = new Float64Array(n * m.cols);
  for (let j = 0; j < m.cols; j++) {
    const src = j * m.rows;
    const dst = j * n;
    for (let i = 0; i < n; i++) out[dst + i] = m.data[src + rows[i]];
  }
  return { rows: n, cols: m.cols, names: m.names, data: out };
}

/** Whether any value is NaN. */
export function hasMissing(m: Matrix): boolean {
  const d = m.data;
  for (let i = 0; i < d.length; i++) if (d[i] !== d[i]) return true;
  return false;
}

/** Stacks the frame's numeric/boolean columns into a matrix; any other column type is an error. */
export function frameToMatrix(frame: Frame, names: readonly string[] = frame.names): Matrix {
  const rows = frame.nrow;
  const out = new Float64Array(rows * names.length);
  names.forEach((name, j) => {
    const t = frame.typeOf(name);
    if (t !== 'numeric' && t !== 'boolean') {
      throw inputError('UNSUPPORTED_INPUT', `Column "${name}" is ${t}; estimators take numeric columns only — encode it first.`, { column: name });
    }
    out.set(frame.numeric(name), j * rows);
  });
  return { rows, cols: names.length, names: [...names], data: out };
}
