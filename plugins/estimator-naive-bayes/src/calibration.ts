import { Rng, inputError, takeRows, type Matrix, type StateValue } from '@autopipe/core';

/** Below this many rows the out-of-fold estimate is too noisy to trust: no calibration. */
const MIN_ROWS = 50;
const FOLDS = 3;
/** Ridge on the class offsets, so a class absent from the out-of-fold rows cannot drive its offset to −∞. */
const RIDGE = 1e-3;
/** Floor of the normalized log-likelihoods the calibration sees (see logProba). */
const LOG_FLOOR = 30;

/**
 * Probabilities = softmax(scale · jll + bias): a learned temperature (1/scale) and per-class offsets over the joint
 * log-likelihoods. `scale` 1 and zero offsets are plain naive Bayes.
 */
export interface Calibration {
  readonly scale: number;
  readonly bias: Float64Array;
}

export const NO_CALIBRATION = (k: number): Calibration => ({ scale: 1, bias: new Float64Array(k) });

/**
 * Applies a calibration to class-major joint log-likelihoods and returns calibrated scores (still class-major).
 * The likelihoods are row-normalized and floored first, exactly as when the calibration was fitted.
 */
export function calibrate(jll: Float64Array, rows: number, cal: Calibration): Float64Array {
  const k = cal.bias.length;
  if (cal.scale === 1 && cal.bias.every((b) => b === 0)) return jll;
  const l = logProba(jll, rows, k);
  for (let c = 0; c < k; c++) {
    const b = cal.bias[c];
    for (let i = c * rows, end = (c + 1) * rows; i < end; i++) l[i] = cal.scale * l[i] + b;
  }
  return l;
}

/** Row-normalized log-probabilities (class-major), so the scale acts on differences between classes only. */
function logProba(jll: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(k * n);
  for (let i = 0; i < n; i++) {
    let mx = -Infinity;
    for (let c = 0; c < k; c++) mx = Math.max(mx, jll[c * n + i]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(jll[c * n + i] - mx);
    const lse = mx + Math.log(sum);
    // Floored: Gaussian densities of near-constant columns give log-likelihood gaps of 1e6 and more, which no
    // linear rescaling can tame; below e^-LOG_FLOOR a class is simply "very unlikely". Also keeps −∞ finite.
    for (let c = 0; c < k; c++) out[c * n + i] = Math.max(jll[c * n + i] - lse, -LOG_FLOOR);
  }
  return out;
}

/** Mean multinomial log loss of softmax(s·l + b), plus the ridge term, with gradient and Hessian over (s, b). */
function objective(l: Float64Array, codes: Int32Array, k: number, s: number, b: Float64Array, withDerivatives: boolean) {
  const n = codes.length;
  const m = k + 1;
  const grad = new Float64Array(m);
  const hess = new Float64Array(m * m);
  const z = new Float64Array(k);
  const p = new Float64Array(k);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let mx = -Infinity;
    for (let c = 0; c < k; c++) { z[c] = s * l[c * n + i] + b[c]; mx = Math.max(mx, z[c]); }
    let sum = 0;
    for (let c = 0; c < k; c++) { p[c] = Math.exp(z[c] - mx); sum += p[c]; }
    const y = codes[i];
    loss += mx + Math.log(sum) - z[y];
    if (!withDerivatives) continue;
    let el = 0;
    for (let c = 0; c < k; c++) { p[c] /= sum; el += p[c] * l[c * n + i]; }
    grad[0] += el - l[y * n + i];
    let vl = 0;
    for (let c = 0; c < k; c++) {
      const d = l[c * n + i] - el;
      vl += p[c] * d * d;
      grad[1 + c] += p[c] - (c === y ? 1 : 0);
      hess[1 + c] += p[c] * d;
      for (let e = 0; e < k; e++) hess[(1 + c) * m + 1 + e] += (c === e ? p[c] : 0) - p[c] * p[e];
    }
    hess[0] += vl;
  }
  let ridge = 0;
  for (let c = 0; c < k; c++) ridge += b[c] * b[c];
  for (let a = 0; a < m * m; a++) hess[a] /= n;
  for (let c = 0; c < k; c++) {
    hess[1 + c] = hess[(1 + c) * m];
    grad[1 + c] = grad[1 + c] / n + 2 * RIDGE * b[c];
    hess[(1 + c) * m + 1 + c] += 2 * RIDGE;
  }
  grad[0] /= n;
  return { loss: loss / n + RIDGE * ridge, grad, hess };
}

/** Solves H d = g by Gaussian elimination with partial pivoting (H is small: classes + 1). */
function solve(h: Float64Array, g: Float64Array, m: number): Float64Array {
  const a = Float64Array.from(h);
  const x = Float64Array.from(g);
  for (let d = 0; d < m; d++) a[d * m + d] += 1e-9;
  for (let col = 0; col < m; col++) {
    let piv = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r * m + col]) > Math.abs(a[piv * m + col])) piv = r;
    if (piv !== col) {
      for (let c = 0; c < m; c++) { const t = a[col * m + c]; a[col * m + c] = a[piv * m + c]; a[piv * m + c] = t; }
      const t = x[col]; x[col] = x[piv]; x[piv] = t;
    }
    const dv = a[col * m + col];
    for (let r = col + 1; r < m; r++) {
      const f = a[r * m + col] / dv;
      if (f === 0) continue;
      for (let c = col; c < m; c++) a[r * m + c] -= f * a[col * m + c];
      x[r] -= f * x[col];
    }
  }
  for (let r = m - 1; r >= 0; r--) {
    let v = x[r];
    for (let c = r + 1; c < m; c++) v -= a[r * m + c] * x[c];
    x[r] = v / a[r * m + r];
  }
  return x;
}

/** Fits (scale, bias) on out-of-fold log-likelihoods by damped Newton steps on a convex loss. */
export function fitCalibrationParams(jll: Float64Array, codes: Int32Array, k: number): Calibration {
  const l = logProba(jll, codes.length, k);
  let s = 1;
  let b = new Float64Array(k);
  let cur = objective(l, codes, k, s, b, true);
  for (let it = 0; it < 50; it++) {
    const d = solve(cur.hess, cur.grad, k + 1);
    let step = 1;
    let next = null;
    for (let tries = 0; tries < 30; tries++, step /= 2) {
      const ns = Math.max(0, s - step * d[0]);
      const nb = b.map((v, c) => v - step * d[1 + c]);
      const cand = objective(l, codes, k, ns, nb, false);
      if (cand.loss <= cur.loss - 1e-12) { next = { s: ns, b: nb }; break; }
    }
    if (!next) break;
    s = next.s;
    b = next.b;
    const prev = cur.loss;
    cur = objective(l, codes, k, s, b, true);
    if (prev - cur.loss < 1e-10) break;
  }
  return Number.isFinite(s) && b.every(Number.isFinite) ? { scale: s, bias: b } : NO_CALIBRATION(k);
}

/**
 * Calibration for naive Bayes: its independence assumption double-counts correlated features, so its probabilities
 * are far too confident (wine quality: log loss 1.51 against the class prior's 1.18). Fits `fit` on 2/3 of the rows
 * three times, collects out-of-fold joint log-likelihoods, and learns softmax(scale · jll + bias) on them — temperature
 * scaling (Guo et al., 2017) with per-class offsets, a convex problem. With scale → 0 it falls back to the class
 * prior, so out of sample it cannot do much worse than the prior.
 */
export function fitCalibration<F>(x: Matrix, codes: Int32Array, k: number, seed: number, fit: (x: Matrix, codes: Int32Array) => F, jll: (f: F, x: Matrix) => Float64Array): Calibration {
  const n = x.rows;
  if (n < MIN_ROWS) return NO_CALIBRATION(k);
  const order = new Rng(seed).shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const oof = new Float64Array(k * n);
  const oofCodes = new Int32Array(n);
  let at = 0;
  for (let f = 0; f < FOLDS; f++) {
    const train: number[] = [];
    const valid: number[] = [];
    for (let p = 0; p < n; p++) (p % FOLDS === f ? valid : train).push(order[p]);
    const z = jll(fit(takeRows(x, train), Int32Array.from(train, (i) => codes[i])), takeRows(x, valid));
    const m = valid.length;
    for (let v = 0; v < m; v++) {
      oofCodes[at + v] = codes[valid[v]];
      for (let c = 0; c < k; c++) oof[c * n + at + v] = z[c * m + v];
    }
    at += m;
  }
  return fitCalibrationParams(oof, oofCodes, k);
}

export function checkCalibration(key: string, calibration: string): void {
  if (calibration !== 'sigmoid' && calibration !== 'none') {
    throw inputError('INVALID_PARAMS', `Estimator "${key}": hyperparameter "calibration" must be "sigmoid" or "none", got "${calibration}".`, { owner: key, param: 'calibration' });
  }
}

/** The saved calibration; models saved before calibration existed have none. */
export function readCalibration(state: StateValue, k: number, owner: string): Calibration {
  const c = (state as { calibration?: { scale?: unknown; bias?: unknown } }).calibration;
  if (c === undefined) return NO_CALIBRATION(k);
  if (typeof c.scale !== 'number' || !(c.scale >= 0) || !(c.bias instanceof Float64Array) || c.bias.length !== k) {
    throw inputError('MODEL_INCOMPATIBLE', `The saved ${owner} has an invalid calibration; retrain the model.`);
  }
  return { scale: c.scale, bias: c.bias };
}
