/**
 * A smooth objective: writes the gradient at `w` into `grad` and returns the value at `w`.
 * It must not keep references to `w` or `grad` (the minimizer reuses both buffers).
 */
export type Objective = (w: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Maximum number of iterations (default 200). */
  readonly maxIter?: number;
  /** Stop when max |grad_i| <= gtol (default 1e-6; scipy's `pgtol`, scikit-learn's `tol`). */
  readonly gtol?: number;
  /** Stop when (f_prev - f) <= ftol · max(|f_prev|, |f|, 1) (default 64·eps, scikit-learn's choice). */
  readonly ftol?: number;
  /** Number of correction pairs kept (default 10). */
  readonly memory?: number;
  /** Maximum objective evaluations per line search (default 40). */
  readonly maxLineSearch?: number;
  /** Polled once per iteration; returning true ends the run early with the current point (time budgets). */
  readonly shouldStop?: () => boolean;
}

export type LbfgsStop = 'gtol' | 'ftol' | 'max_iter' | 'line_search' | 'stopped';

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly gradNorm: number;
  readonly iterations: number;
  readonly evaluations: number;
  /** True when the gradient or function-change test was met. */
  readonly converged: boolean;
  readonly reason: LbfgsStop;
}

const C1 = 1e-4; // sufficient decrease (Armijo)
const C2 = 0.9; // curvature; 0.9 is the usual choice for quasi-Newton directions

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m || v !== v) m = v;
  }
  return m;
}

/** Minimizer of the cubic through (a, fa, da) and (b, fb, db), or NaN when it does not exist. */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
}

/**
 * Minimizes `objective` from `x0` with limited-memory BFGS (Nocedal & Wright, Alg. 7.4) and a line search
 * satisfying the strong Wolfe conditions (Alg. 3.5/3.6, cubic interpolation in the zoom phase). The strong
 * Wolfe curvature condition guarantees sᵀy > 0, so the inverse-Hessian approximation stays positive definite.
 */
export function minimizeLbfgs(objective: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const maxIter = options.maxIter ?? 200;
  const gtol = options.gtol ?? 1e-6;
  const ftol = options.ftol ?? 64 * Number.EPSILON;
  const m = Math.max(1, options.memory ?? 10);
  const maxLs = options.maxLineSearch ?? 40;
  const n = x0.length;

  const x = x0.slice();
  const g = new Float64Array(n);
  const d = new Float64Array(n);
  const xt = new Float64Array(n); // trial point of the line search
  const gt = new Float64Array(n);
  const s = Array.from({ length: m }, () => new Float64Array(n));
  const y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  let stored = 0; // number of valid pairs
  let head = 0; // index of the next pair to write

  let evaluations = 1;
  let f = objective(x, g);
  let gnorm = maxAbs(g);
  if (!Number.isFinite(f)) throw new RangeError(`L-BFGS: objective is not finite at the starting point (${f}).`);
  const done = (iterations: number, reason: LbfgsStop): LbfgsResult => ({
    x, f, gradNorm: gnorm, iterations, evaluations, converged: reason === 'gtol' || reason === 'ftol', reason,
  });
  if (gnorm <= gtol) return done(0, 'gtol');

  // Evaluates phi(a) = f(x + a·d) into (xt, gt); returns [phi, phi'].
  const phi = (a: number): [number, number] => {
    for (let i = 0; i < n; i++) xt[i] = x[i] + a * d[i];
    evaluations++;
    const v = objective(xt, gt);
    return [v, dot(gt, d)];
  };

  for (let iter = 1; iter <= maxIter; iter++) {
    if (options.shouldStop?.()) return done(iter - 1, 'stopped');

    // Two-loop recursion: d = -H·g.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    for (let k = 0; k < stored; k++) {
      const idx = (head - 1 - k + m) % m;
      alpha[idx] = rho[idx] * dot(s[idx], d);
      const yi = y[idx];
      for (let i = 0; i < n; i++) d[i] -= alpha[idx] * yi[i];
    }
    if (stored > 0) {
      const last = (head - 1 + m) % m;
      const gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let k = stored - 1; k >= 0; k--) {
      const idx = (head - 1 - k + m) % m;
      const beta = rho[idx] * dot(y[idx], d);
      const si = s[idx];
      for (let i = 0; i < n; i++) d[i] += (alpha[idx] - beta) * si[i];
    }
    let dg0 = dot(g, d);
    if (!(dg0 < 0)) {
      // Not a descent direction (lost curvature information): restart from steepest descent.
      stored = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      dg0 = dot(g, d);
    }
    // Without curvature information, a unit step along -g has the gradient's scale; start shorter.
    const a0 = stored === 0 ? Math.min(1, 1 / Math.sqrt(-dg0)) : 1;

    const step = wolfeSearch(phi, f, dg0, a0, maxLs);
    if (step === null) return done(iter - 1, 'line_search');
    // (xt, gt) hold the accepted point; record the correction pair before moving.
    const sNew = s[head];
    const yNew = y[head];
    for (let i = 0; i < n; i++) {
      sNew[i] = xt[i] - x[i];
      yNew[i] = gt[i] - g[i];
    }
    const sy = dot(sNew, yNew);
    if (sy > 1e-10 * dot(yNew, yNew)) {
      rho[head] = 1 / sy;
      head = (head + 1) % m;
      stored = Math.min(stored + 1, m);
    }
    const fPrev = f;
    x.set(xt);
    g.set(gt);
    f = step;
    gnorm = maxAbs(g);
    if (gnorm <= gtol) return done(iter, 'gtol');
    if (fPrev - f <= ftol * Math.max(Math.abs(fPrev), Math.abs(f), 1)) return done(iter, 'ftol');
  }
  return done(maxIter, 'max_iter');
}

/**
 * Strong Wolfe line search. Returns the objective value at the accepted step, whose point and gradient
 * are the last ones `phi` evaluated; null when no acceptable step was found within `maxEval` evaluations.
 */
function wolfeSearch(phi: (a: number) => [number, number], f0: number, dg0: number, a0: number, maxEval: number): number | null {
  let aPrev = 0;
  let fPrev = f0;
  let dPrev = dg0;
  let a = a0;
  for (let evals = 0; evals < maxEval; evals++) {
    const [fa, da] = phi(a);
    // A non-finite value (overflow far along d) is treated as "too far", which shrinks the step.
    if (!Number.isFinite(fa) || fa > f0 + C1 * a * dg0 || (evals > 0 && fa >= fPrev)) {
      return zoom(phi, f0, dg0, aPrev, fPrev, dPrev, a, Number.isFinite(fa) ? fa : Infinity, da, maxEval - evals - 1);
    }
    if (Math.abs(da) <= -C2 * dg0) return fa;
    if (da >= 0) return zoom(phi, f0, dg0, a, fa, da, aPrev, fPrev, dPrev, maxEval - evals - 1);
    aPrev = a;
    fPrev = fa;
    dPrev = da;
    a *= 2;
  }
  return null;
}

/** Zoom phase: `lo` satisfies sufficient decrease and has the lowest value seen; [lo, hi] brackets a Wolfe step. */
function zoom(
  phi: (a: number) => [number, number], f0: number, dg0: number,
  lo: number, flo: number, dlo: number, hi: number, fhi: number, dhi: number, maxEval: number,
): number | null {
  for (let evals = 0; evals < maxEval; evals++) {
    const left = Math.min(lo, hi);
    const width = Math.abs(hi - lo);
    if (width <= 1e-16 * Math.max(1, Math.abs(lo))) break;
    let a = Number.isFinite(fhi) ? cubicMin(lo, flo, dlo, hi, fhi, dhi) : NaN;
    // Safeguard: keep the trial point inside the middle 80% of the interval, else bisect.
    if (!(a >= left + 0.1 * width && a <= left + 0.9 * width)) a = lo + 0.5 * (hi - lo);
    const [fa, da] = phi(a);
    if (!Number.isFinite(fa) || fa > f0 + C1 * a * dg0 || fa >= flo) {
      hi = a;
      fhi = Number.isFinite(fa) ? fa : Infinity;
      dhi = da;
    } else {
      if (Math.abs(da) <= -C2 * dg0) return fa;
      if (da * (hi - lo) >= 0) {
        hi = lo;
        fhi = flo;
        dhi = dlo;
      }
      lo = a;
      flo = fa;
      dlo = da;
    }
  }
  // No strong Wolfe point found; settle for the best point with sufficient decrease, if it moves at all.
  if (lo > 0 && flo < f0) {
    const [fa] = phi(lo);
    return fa;
  }
  return null;
}
