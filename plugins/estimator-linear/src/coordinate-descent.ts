import { gramDualityGap, gramForm, gramSweep, type GramForm } from './cd-gram.js';
import { normalEquations } from './normal-equations.js';

/**
 * Cyclic coordinate descent for the elastic net, following scikit-learn's `enet_coordinate_descent`
 * (cd_fast.pyx), on the objective
 *
 *   1/(2n)·||yc − Xc·w||² + alpha·l1_ratio·||w||₁ + alpha/2·(1 − l1_ratio)·||w||²
 *
 * where Xc and yc are centered (when fitting an intercept). Multiplying by n gives the form the updates use:
 * ½||R||² + l1·||w||₁ + l2/2·||w||² with l1 = n·alpha·l1_ratio and l2 = n·alpha·(1 − l1_ratio).
 */
export interface EnetOptions {
  readonly alpha: number;
  readonly l1Ratio: number;
  readonly fitIntercept: boolean;
  readonly maxIter: number;
  /** Relative tolerance, as scikit-learn's `tol`: stop when the duality gap is at most tol·||yc||². */
  readonly tol: number;
  /**
   * Sweep on the Gram form (cd-gram.ts): true from the first sweep, false never; by default, once the residual
   * sweeps have cost as much as building the Gram matrix (see `gramAfterSweeps`). Same iterates up to rounding.
   */
  readonly gram?: boolean;
  /** Polled once per sweep; returning true ends the run with the current coefficients (time budgets). */
  readonly shouldStop?: () => boolean;
}

export type EnetStop = 'gap' | 'max_iter' | 'stopped';

export interface EnetResult {
  readonly coef: Float64Array;
  readonly intercept: number;
  /** Full sweeps over the columns. */
  readonly iterations: number;
  /** Last duality gap computed, in the n-scaled units (NaN when no gap was computed). */
  readonly gap: number;
  readonly converged: boolean;
  readonly reason: EnetStop;
}

interface Centered {
  readonly xMean: Float64Array;
  readonly yMean: number;
  /** Σᵢ (xᵢⱼ − μⱼ)²: the curvature of each coordinate. */
  readonly norms: Float64Array;
  /** yc, the (centered) target; a copy, never the caller's array. */
  readonly yc: Float64Array;
}

/** Means, centered column norms and the centered target — X itself is never copied. */
function center(x: Float64Array, rows: number, cols: number, y: Float64Array, fitIntercept: boolean): Centered {
  const xMean = new Float64Array(cols);
  const norms = new Float64Array(cols);
  let yMean = 0;
  if (fitIntercept) {
    for (let i = 0; i < rows; i++) yMean += y[i];
    yMean /= rows;
  }
  for (let j = 0; j < cols; j++) {
    const off = j * rows;
    let mu = 0;
    if (fitIntercept) {
      for (let i = 0; i < rows; i++) mu += x[off + i];
      mu /= rows;
    }
    // Two passes (mean, then squares of deviations) keep precision when a column has a large offset.
    let s = 0;
    for (let i = 0; i < rows; i++) {
      const d = x[off + i] - mu;
      s += d * d;
    }
    xMean[j] = mu;
    norms[j] = s;
  }
  const yc = new Float64Array(rows);
  for (let i = 0; i < rows; i++) yc[i] = y[i] - yMean;
  return { xMean, yMean, norms, yc };
}

/**
 * Duality gap of the n-scaled problem at (w, R = yc − Xc·w), as in cd_fast.pyx: the dual point is R scaled
 * into the feasible set {|Xcᵀθ − l2·w|∞ ≤ l1}. Zero exactly at the optimum; an upper bound on suboptimality.
 */
function dualityGap(
  x: Float64Array, rows: number, c: Centered, w: Float64Array, r: Float64Array, l1: number, l2: number,
): number {
  const cols = w.length;
  let dualNorm = 0;
  let l1Norm = 0;
  let wNorm2 = 0;
  for (let j = 0; j < cols; j++) {
    const s = centeredDot(x, j * rows, c.xMean[j], r, rows);
    dualNorm = Math.max(dualNorm, Math.abs(s - l2 * w[j]));
    l1Norm += Math.abs(w[j]);
    wNorm2 += w[j] * w[j];
  }
  let rNorm2 = 0;
  let ry = 0;
  for (let i = 0; i < rows; i++) {
    rNorm2 += r[i] * r[i];
    ry += r[i] * c.yc[i];
  }
  let k = 1;
  let gap = rNorm2;
  if (dualNorm > l1) {
    k = l1 / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * k * k);
  }
  return gap + l1 * l1Norm - k * ry + 0.5 * l2 * (1 + k * k) * wNorm2;
}

/**
 * Σᵢ (x[off + i] − mu)·r[i] with four partial sums: a single running sum is bound by the latency of each
 * addition, four independent ones keep the floating-point units busy (BLAS's ddot does the same).
 */
function centeredDot(x: Float64Array, off: number, mu: number, r: Float64Array, rows: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < rows; i += 4) {
    s0 += (x[off + i] - mu) * r[i];
    s1 += (x[off + i + 1] - mu) * r[i + 1];
    s2 += (x[off + i + 2] - mu) * r[i + 2];
    s3 += (x[off + i + 3] - mu) * r[i + 3];
  }
  for (; i < rows; i++) s0 += (x[off + i] - mu) * r[i];
  return (s0 + s1) + (s2 + s3);
}

/**
 * One cyclic sweep on the residual form: each coordinate reads its column against R = yc − Xc·w and, when it
 * moves, updates R in place. Writes the largest |w| and the largest |Δw| into `stats[0]` and `stats[1]`.
 */
function residualSweep(
  x: Float64Array, rows: number, c: Centered, w: Float64Array, r: Float64Array, l1: number, l2: number, stats: Float64Array,
): void {
  let wMax = 0;
  let dwMax = 0;
  for (let j = 0; j < w.length; j++) {
    const nj = c.norms[j];
    if (nj === 0) continue; // constant column: its coefficient stays 0
    const off = j * rows;
    const mu = c.xMean[j];
    const old = w[j];
    // ρ = Xcⱼᵀ(R + Xcⱼ·wⱼ): the partial residual's correlation, without materializing it.
    const rho = centeredDot(x, off, mu, r, rows) + nj * old;
    const shrunk = Math.abs(rho) - l1;
    const next = shrunk > 0 ? (Math.sign(rho) * shrunk) / (nj + l2) : 0;
    if (next !== old) {
      const d = old - next;
      for (let i = 0; i < rows; i++) r[i] += d * (x[off + i] - mu);
      w[j] = next;
    }
    dwMax = Math.max(dwMax, Math.abs(next - old));
    wMax = Math.max(wMax, Math.abs(next));
  }
  stats[0] = wMax;
  stats[1] = dwMax;
}

/** Largest column count for which the Gram form is used: its cols² doubles stay under 8 MB. */
const MAX_GRAM_COLS = 1024;

/**
 * After how many residual sweeps to switch to the Gram form (cd-gram.ts). A residual sweep costs about
 * 2·rows·cols, building XcᵀXc about rows·cols²/2 and a Gram sweep cols². Switching once the residual sweeps
 * have cost as much as the Gram matrix (ski rental) keeps the total within about twice the better choice
 * made in hindsight: fits that converge in a few sweeps never pay for the matrix, and the slow ones —
 * correlated columns, max_iter reached — pay O(cols²) per sweep instead of O(rows·cols).
 */
function gramAfterSweeps(rows: number, cols: number): number {
  return rows > cols && cols <= MAX_GRAM_COLS ? Math.ceil(cols / 4) : Infinity;
}

/**
 * The Gram form is taken to have stalled on rounding after STALL_SWEEPS sweeps without a new smallest duality
 * gap, once that gap is below STALL_GAP·||yc||². Far above it (the default tol = 1e-4 stops there), a gap that
 * does not shrink is slow progress on correlated columns — not rounding — and the cheap sweeps go on.
 */
const STALL_SWEEPS = 20;
const STALL_GAP = 1e-7;

/** Writes R = yc − Xc·w into r. */
function residualOf(x: Float64Array, rows: number, c: Centered, w: Float64Array, r: Float64Array): void {
  r.set(c.yc);
  for (let j = 0; j < w.length; j++) {
    const wj = w[j];
    if (wj === 0) continue;
    const off = j * rows;
    const mu = c.xMean[j];
    for (let i = 0; i < rows; i++) r[i] -= wj * (x[off + i] - mu);
  }
}

/** Fits the elastic net by cyclic coordinate descent from zero coefficients (deterministic). */
export function enetCoordinateDescent(x: Float64Array, rows: number, cols: number, y: Float64Array, opts: EnetOptions): EnetResult {
  const c = center(x, rows, cols, y, opts.fitIntercept);
  const l1 = opts.alpha * opts.l1Ratio * rows;
  const l2 = opts.alpha * (1 - opts.l1Ratio) * rows;
  const w = new Float64Array(cols);
  const r = c.yc.slice(); // residual yc − Xc·w, updated in place as each coordinate moves
  let yNorm2 = 0;
  for (let i = 0; i < rows; i++) yNorm2 += c.yc[i] * c.yc[i];
  const gapTol = opts.tol * yNorm2;

  const finish = (iterations: number, gap: number, reason: EnetStop): EnetResult => {
    let intercept = c.yMean;
    if (opts.fitIntercept) for (let j = 0; j < cols; j++) intercept -= c.xMean[j] * w[j];
    return { coef: w, intercept, iterations, gap, converged: reason === 'gap', reason };
  };
  // A constant target (or no columns) is solved by w = 0; the gap would be 0/0-like noise otherwise.
  if (yNorm2 === 0 || cols === 0) return finish(0, 0, 'gap');

  let gramAfter = opts.gram === undefined ? gramAfterSweeps(rows, cols) : opts.gram ? 0 : Infinity;
  const stats = new Float64Array(2);
  let g: GramForm | undefined;
  let bestGramGap = Infinity;
  let bestGramSweep = 0;
  let gap = NaN;
  for (let iter = 1; iter <= opts.maxIter; iter++) {
    if (opts.shouldStop?.()) return finish(iter - 1, gap, 'stopped');
    if (g === undefined && iter > gramAfter) {
      const ne = normalEquations(x, rows, cols, y, opts.fitIntercept);
      g = gramForm(ne.gram, ne.xty, yNorm2, w);
    }
    if (g) gramSweep(g, w, l1, l2, stats);
    else residualSweep(x, rows, c, w, r, l1, l2, stats);
    const wMax = stats[0];
    const dwMax = stats[1];
    // The gap costs a full pass over X in the residual form, so check it only when coefficients have (almost)
    // stopped moving (scikit-learn's rule; the Gram form follows it too, to stop on the same sweep).
    if (wMax === 0 || dwMax / wMax < opts.tol || iter === opts.maxIter) {
      gap = g ? gramDualityGap(g, w, l1, l2) : dualityGap(x, rows, c, w, r, l1, l2);
      if (gap < gapTol) return finish(iter, gap, 'gap');
    }
    if (g) {
      // The Gram form gets ρⱼ = qⱼ − Hⱼ + Gⱼⱼ·wⱼ from terms of size ||Xcⱼ||·||yc||, so with correlated columns it can
      // wander at a gap of a small multiple of machine epsilon times ||yc||² (far below the default tol, not below
      // tol = 1e-12); the residual form's ρ comes from the small residual. The Gram gap costs O(cols), so watch it
      // every sweep and, once it has stalled (see STALL_GAP), finish on the residual form, rebuilt exactly from w.
      const now = gramDualityGap(g, w, l1, l2);
      if (now < bestGramGap) {
        bestGramGap = now;
        bestGramSweep = iter;
      } else if (iter - bestGramSweep >= STALL_SWEEPS && bestGramGap < STALL_GAP * yNorm2) {
        residualOf(x, rows, c, w, r);
        g = undefined;
        gramAfter = Infinity;
      }
    }
  }
  return finish(opts.maxIter, gap, 'max_iter');
}
