import { addMatVec, allColumns } from './column-kernels.js';
import type { Objective } from './lbfgs.js';
import { splitColumns, splitMatTVec, splitMatVec } from './split-columns.js';

/**
 * Layout of logistic-regression weights as one flat vector: `outputs` blocks of `cols` coefficients,
 * each followed by its intercept when `fitIntercept`. Binary uses one output (the log-odds of class 1);
 * multiclass uses one output per class (full multinomial parametrization, as scikit-learn does).
 */
export interface LogisticLayout {
  readonly cols: number;
  readonly outputs: number;
  readonly fitIntercept: boolean;
}

export function layoutStride(l: LogisticLayout): number {
  return l.cols + (l.fitIntercept ? 1 : 0);
}

/** Numerically stable log(1 + e^z). */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Numerically stable 1 / (1 + e^-z). */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Linear scores for every output: `z[o * rows + i] = intercept_o + Σ_j coef[o * cols + j] · x[j * rows + i]`.
 * Output-major so each column of x is scanned contiguously.
 */
export function linearScores(x: Float64Array, rows: number, cols: number, coef: Float64Array, intercept: Float64Array, z: Float64Array): void {
  const outputs = intercept.length;
  const ids = allColumns(cols);
  for (let o = 0; o < outputs; o++) {
    const zo = z.subarray(o * rows, (o + 1) * rows);
    zo.fill(intercept[o]);
    addMatVec(x, rows, ids, coef, o * cols, zo);
  }
}

/** Splits a flat weight vector into coefficients (output-major) and intercepts. */
export function unpackWeights(w: Float64Array, l: LogisticLayout): { coef: Float64Array; intercept: Float64Array } {
  const stride = layoutStride(l);
  const coef = new Float64Array(l.outputs * l.cols);
  const intercept = new Float64Array(l.outputs);
  for (let o = 0; o < l.outputs; o++) {
    coef.set(w.subarray(o * stride, o * stride + l.cols), o * l.cols);
    if (l.fitIntercept) intercept[o] = w[o * stride + l.cols];
  }
  return { coef, intercept };
}

export interface LogisticData {
  /** Column-major features, `rows × layout.cols`. */
  readonly x: Float64Array;
  readonly rows: number;
  /** Class codes; for binary, code 1 is the positive class. */
  readonly codes: Int32Array;
}

/**
 * The L2-regularized logistic objective, mean-scaled:
 *   L(w) = (1/n) Σ_i logloss_i(w) + (1 / (2·C·n)) · ||coef||²
 * which is scikit-learn's `Σ_i logloss_i + ||coef||² / (2C)` divided by n — same minimizer, but gradients of
 * order one whatever n is, so `tol` means the same on small and large data. Intercepts are not penalized.
 * Multiclass uses the softmax with log-sum-exp, so large scores never overflow.
 */
export function logisticObjective(data: LogisticData, layout: LogisticLayout, C: number): Objective {
  const { x, rows: n, codes } = data;
  const { cols, outputs, fitIntercept } = layout;
  const stride = layoutStride(layout);
  const lambda = 1 / (C * n);
  const coef = new Float64Array(outputs * cols);
  const intercept = new Float64Array(outputs);
  const r = new Float64Array(outputs * n); // scores, then residuals (p - y)
  const dots = new Float64Array(cols);
  const split = splitColumns(x, n, cols); // one-hot columns: only their nonzeros are visited

  return (w, grad) => {
    for (let o = 0; o < outputs; o++) {
      coef.set(w.subarray(o * stride, o * stride + cols), o * cols);
      intercept[o] = fitIntercept ? w[o * stride + cols] : 0;
    }
    for (let o = 0; o < outputs; o++) {
      const zo = r.subarray(o * n, (o + 1) * n);
      zo.fill(intercept[o]);
      splitMatVec(split, coef, o * cols, zo);
    }

    let loss = 0;
    if (outputs === 1) {
      for (let i = 0; i < n; i++) {
        const z = r[i];
        const yi = codes[i] === 1 ? 1 : 0;
        // softplus(z) and sigmoid(z) inlined to share one exp (same operations, so bit-identical to them).
        const e = Math.exp(-Math.abs(z));
        loss += (z > 0 ? z + Math.log1p(e) : Math.log1p(e)) - yi * z;
        r[i] = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - yi;
      }
    } else {
      for (let i = 0; i < n; i++) {
        let mx = -Infinity;
        for (let o = 0; o < outputs; o++) mx = Math.max(mx, r[o * n + i]);
        let sum = 0;
        for (let o = 0; o < outputs; o++) sum += Math.exp(r[o * n + i] - mx);
        const lse = mx + Math.log(sum);
        loss += lse - r[codes[i] * n + i];
        for (let o = 0; o < outputs; o++) r[o * n + i] = Math.exp(r[o * n + i] - lse) - (codes[i] === o ? 1 : 0);
      }
    }

    let penalty = 0;
    const invN = 1 / n;
    for (let o = 0; o < outputs; o++) {
      const ro = r.subarray(o * n, (o + 1) * n);
      splitMatTVec(split, ro, dots);
      for (let j = 0; j < cols; j++) {
        const wj = w[o * stride + j];
        grad[o * stride + j] = dots[j] * invN + lambda * wj;
        penalty += wj * wj;
      }
      if (fitIntercept) {
        let s = 0;
        for (let i = 0; i < n; i++) s += ro[i];
        grad[o * stride + cols] = s * invN;
      }
    }
    return loss * invN + 0.5 * lambda * penalty;
  };
}
