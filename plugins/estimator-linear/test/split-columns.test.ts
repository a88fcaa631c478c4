import { describe, expect, it } from 'vitest';
import { Rng } from '@autopipe/core';
import { addMatVec, allColumns, matTVec } from '../src/column-kernels.js';
import { splitColumns, splitMatTVec, splitMatVec } from '../src/split-columns.js';

/** 40 rows: 2 dense normal columns, a 4-level one-hot block, a column with 30% nonzeros, a constant-zero column. */
function mixed(): { x: Float64Array; rows: number; cols: number } {
  const rng = new Rng(5);
  const rows = 40;
  const cols = 8;
  const x = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    x[i] = rng.normal();
    x[rows + i] = rng.normal();
    x[(2 + (i % 4)) * rows + i] = 1; // one-hot: 10 of 40 rows each
    if (i % 10 < 3) x[6 * rows + i] = rng.normal() + 5; // 12 of 40 nonzero: 30%, stays dense
  }
  return { x, rows, cols };
}

function naive(x: Float64Array, rows: number, cols: number, w: Float64Array, r: Float64Array): { z: Float64Array; g: Float64Array } {
  const z = new Float64Array(rows);
  const g = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) {
      z[i] += w[j] * x[j * rows + i];
      g[j] += x[j * rows + i] * r[i];
    }
  }
  return { z, g };
}

describe('split columns', () => {
  it('stores columns with at most 25% nonzeros sparse, by row, and the rest dense', () => {
    const { x, rows, cols } = mixed();
    const s = splitColumns(x, rows, cols);
    expect(Array.from(s.dense)).toEqual([0, 1, 6]);
    expect(Array.from(s.sparse)).toEqual([2, 3, 4, 5, 7]);
    expect(Array.from(s.start)).toEqual([0, 10, 20, 30, 40, 40]);
    expect(Array.from(s.index.subarray(0, 3))).toEqual([0, 4, 8]);
    expect(Array.from(s.value.subarray(0, 10))).toEqual(new Array(10).fill(1));
  });

  it('gives Xᵀr exactly as the dense loop and X·w to rounding, at any weight offset', () => {
    const { x, rows, cols } = mixed();
    const rng = new Rng(9);
    const w = Float64Array.from({ length: cols + 3 }, () => rng.normal());
    w[3 + 4] = 0; // a zero weight on a sparse column is skipped
    const r = Float64Array.from({ length: rows }, () => rng.normal());
    const ref = naive(x, rows, cols, w.subarray(3), r);
    const s = splitColumns(x, rows, cols);

    const g = new Float64Array(cols);
    splitMatTVec(s, r, g);
    expect(Array.from(g)).toEqual(Array.from(ref.g));
    const gDense = new Float64Array(cols);
    matTVec(x, rows, allColumns(cols), r, gDense);
    expect(Array.from(gDense)).toEqual(Array.from(ref.g));

    const z = new Float64Array(rows);
    splitMatVec(s, w, 3, z);
    const zDense = new Float64Array(rows);
    addMatVec(x, rows, allColumns(cols), w, 3, zDense);
    for (let i = 0; i < rows; i++) {
      expect(z[i]).toBeCloseTo(ref.z[i], 12);
      expect(zDense[i]).toBe(ref.z[i]); // the dense kernel adds columns in the naive loop's order
    }
  });
});
