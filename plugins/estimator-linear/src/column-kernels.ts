/**
 * Matrix–vector products on column-major data, four columns per pass over the row vector. One column at a
 * time reloads and stores the row vector for every column (axpy) or runs one serial chain of additions
 * (dot), both several times slower than the arithmetic; four columns at a time share the row vector's loads
 * and run four independent chains. Each output is still summed in the same order as the one-column loop,
 * so results are bit-identical to it.
 */

/** The column indices 0 … cols − 1. */
export function allColumns(cols: number): Int32Array {
  const ids = new Int32Array(cols);
  for (let j = 0; j < cols; j++) ids[j] = j;
  return ids;
}

/** z[i] += Σ w[wOff + j]·x[j·rows + i] over the columns j in `ids`, added in that order, for i < rows. */
export function addMatVec(x: Float64Array, rows: number, ids: Int32Array, w: Float64Array, wOff: number, z: Float64Array): void {
  const n = ids.length;
  let t = 0;
  for (; t + 3 < n; t += 4) {
    const w0 = w[wOff + ids[t]];
    const w1 = w[wOff + ids[t + 1]];
    const w2 = w[wOff + ids[t + 2]];
    const w3 = w[wOff + ids[t + 3]];
    if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0) continue;
    const o0 = ids[t] * rows;
    const o1 = ids[t + 1] * rows;
    const o2 = ids[t + 2] * rows;
    const o3 = ids[t + 3] * rows;
    for (let i = 0; i < rows; i++) {
      let v = z[i];
      v += w0 * x[o0 + i];
      v += w1 * x[o1 + i];
      v += w2 * x[o2 + i];
      v += w3 * x[o3 + i];
      z[i] = v;
    }
  }
  for (; t < n; t++) {
    const wj = w[wOff + ids[t]];
    if (wj === 0) continue;
    const off = ids[t] * rows;
    for (let i = 0; i < rows; i++) z[i] += wj * x[off + i];
  }
}

/** out[j] = Σᵢ x[j·rows + i]·r[i] for the columns j in `ids`, each sum taken in row order. */
export function matTVec(x: Float64Array, rows: number, ids: Int32Array, r: Float64Array, out: Float64Array): void {
  const n = ids.length;
  let t = 0;
  for (; t + 3 < n; t += 4) {
    const o0 = ids[t] * rows;
    const o1 = ids[t + 1] * rows;
    const o2 = ids[t + 2] * rows;
    const o3 = ids[t + 3] * rows;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < rows; i++) {
      const ri = r[i];
      s0 += ri * x[o0 + i];
      s1 += ri * x[o1 + i];
      s2 += ri * x[o2 + i];
      s3 += ri * x[o3 + i];
    }
    out[ids[t]] = s0;
    out[ids[t + 1]] = s1;
    out[ids[t + 2]] = s2;
    out[ids[t + 3]] = s3;
  }
  for (; t < n; t++) {
    const off = ids[t] * rows;
    let s = 0;
    for (let i = 0; i < rows; i++) s += r[i] * x[off + i];
    out[ids[t]] = s;
  }
}
