/** The centered normal equations of a least-squares problem. */
export interface NormalEquations {
  /** Column means of x (zeros when not centering). */
  readonly xMean: Float64Array;
  readonly yMean: number;
  /** Row-major `cols × cols` Xcᵀ·Xc (full symmetric). */
  readonly gram: Float64Array;
  /** Xcᵀ·yc. */
  readonly xty: Float64Array;
}

const BLOCK = 2048;

/**
 * Builds Xcᵀ·Xc and Xcᵀ·yc from a column-major `rows × cols` matrix, where Xc and yc are centered when
 * `center`. Centering happens block by block in a small row buffer: subtracting means first avoids the
 * cancellation of XᵀX − n·μμᵀ when means are large, without copying the whole matrix.
 */
export function normalEquations(x: Float64Array, rows: number, cols: number, y: Float64Array, center: boolean): NormalEquations {
  const xMean = new Float64Array(cols);
  let yMean = 0;
  if (center && rows > 0) {
    for (let j = 0; j < cols; j++) {
      let s = 0;
      const off = j * rows;
      for (let i = 0; i < rows; i++) s += x[off + i];
      xMean[j] = s / rows;
    }
    for (let i = 0; i < rows; i++) yMean += y[i];
    yMean /= rows;
  }
  const gram = new Float64Array(cols * cols);
  const xty = new Float64Array(cols);
  const buf = new Float64Array(Math.min(BLOCK, rows) * cols);
  const yb = new Float64Array(Math.min(BLOCK, rows));
  for (let r0 = 0; r0 < rows; r0 += BLOCK) {
    const b = Math.min(BLOCK, rows - r0);
    for (let i = 0; i < b; i++) yb[i] = y[r0 + i] - yMean;
    for (let j = 0; j < cols; j++) {
      const src = j * rows + r0;
      const dst = j * b;
      const mu = xMean[j];
      for (let i = 0; i < b; i++) buf[dst + i] = x[src + i] - mu;
    }
    for (let j = 0; j < cols; j++) {
      const cj = j * b;
      let sy = 0;
      for (let i = 0; i < b; i++) sy += buf[cj + i] * yb[i];
      xty[j] += sy;
      // Four columns k per pass over column j: shared loads and four independent sums (each in row order).
      let k = 0;
      for (; k + 3 <= j; k += 4) {
        const c0 = k * b;
        const c1 = c0 + b;
        const c2 = c1 + b;
        const c3 = c2 + b;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let i = 0; i < b; i++) {
          const v = buf[cj + i];
          s0 += v * buf[c0 + i];
          s1 += v * buf[c1 + i];
          s2 += v * buf[c2 + i];
          s3 += v * buf[c3 + i];
        }
        const g = j * cols + k;
        gram[g] += s0;
        gram[g + 1] += s1;
        gram[g + 2] += s2;
        gram[g + 3] += s3;
      }
      for (; k <= j; k++) {
        const ck = k * b;
        let s = 0;
        for (let i = 0; i < b; i++) s += buf[cj + i] * buf[ck + i];
        gram[j * cols + k] += s;
      }
    }
  }
  for (let j = 0; j < cols; j++) for (let k = 0; k < j; k++) gram[k * cols + j] = gram[j * cols + k];
  return { xMean, yMean, gram, xty };
}
