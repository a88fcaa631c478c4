/**
 * The elastic-net coordinate-descent sweep and duality gap on the Gram form, as scikit-learn's
 * `enet_coordinate_descent_gram` (cd_fast.pyx): with G = XcᵀXc, q = Xcᵀyc and H = G·w kept up to date, a
 * coordinate costs O(cols) instead of O(rows). Same iterates as the residual form, in exact arithmetic.
 */
export interface GramForm {
  readonly cols: number;
  /** Row-major (symmetric) `cols × cols` XcᵀXc. */
  readonly gram: Float64Array;
  /** Xcᵀyc. */
  readonly q: Float64Array;
  /** ||yc||². */
  readonly yNorm2: number;
  /** G·w for the current coefficients; the sweep keeps it in step with w. */
  readonly h: Float64Array;
}

/** Starts the Gram form at coefficients `w` (H = G·w), e.g. after some residual-form sweeps. */
export function gramForm(gram: Float64Array, q: Float64Array, yNorm2: number, w: Float64Array): GramForm {
  const cols = w.length;
  const h = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    const wj = w[j];
    if (wj === 0) continue;
    const row = j * cols;
    for (let k = 0; k < cols; k++) h[k] += wj * gram[row + k];
  }
  return { cols, gram, q, yNorm2, h };
}

/**
 * One cyclic sweep over the coordinates of the n-scaled problem (l1, l2 as in coordinate-descent.ts).
 * Writes the largest |w| and the largest |Δw| into `stats[0]` and `stats[1]`.
 */
export function gramSweep(f: GramForm, w: Float64Array, l1: number, l2: number, stats: Float64Array): void {
  const { cols, gram, q, h } = f;
  let wMax = 0;
  let dwMax = 0;
  for (let j = 0; j < cols; j++) {
    const row = j * cols;
    const gjj = gram[row + j];
    if (gjj === 0) continue; // constant column: its coefficient stays 0
    const old = w[j];
    const rho = q[j] - h[j] + gjj * old;
    const shrunk = Math.abs(rho) - l1;
    const next = shrunk > 0 ? (Math.sign(rho) * shrunk) / (gjj + l2) : 0;
    if (next !== old) {
      const d = next - old;
      for (let k = 0; k < cols; k++) h[k] += d * gram[row + k];
      w[j] = next;
    }
    dwMax = Math.max(dwMax, Math.abs(next - old));
    wMax = Math.max(wMax, Math.abs(next));
  }
  stats[0] = wMax;
  stats[1] = dwMax;
}

/**
 * Duality gap at w from G, q and H alone: ||R||² = ||yc||² − 2·wᵀq + wᵀH and Rᵀyc = ||yc||² − wᵀq, so no pass
 * over the rows is needed. The formula is the residual form's (coordinate-descent.ts), term for term.
 */
export function gramDualityGap(f: GramForm, w: Float64Array, l1: number, l2: number): number {
  const { cols, q, h, yNorm2 } = f;
  let dualNorm = 0;
  let l1Norm = 0;
  let wNorm2 = 0;
  let wq = 0;
  let wh = 0;
  for (let j = 0; j < cols; j++) {
    const wj = w[j];
    dualNorm = Math.max(dualNorm, Math.abs(q[j] - h[j] - l2 * wj));
    l1Norm += Math.abs(wj);
    wNorm2 += wj * wj;
    wq += wj * q[j];
    wh += wj * h[j];
  }
  const rNorm2 = yNorm2 - 2 * wq + wh;
  let k = 1;
  let gap = rNorm2;
  if (dualNorm > l1) {
    k = l1 / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * k * k);
  }
  return gap + l1 * l1Norm - k * (yNorm2 - wq) + 0.5 * l2 * (1 + k * k) * wNorm2;
}
