import { median, quantile } from './select.js';

/**
 * A differentiable loss bound to one set of targets (training or validation rows). Raw scores, gradients and
 * hessians are laid out output-major: output k of row i is at `k * n + i`.
 */
export interface Loss {
  /** Raw scores per row: the number of classes for multiclass (one tree each per iteration), else 1. */
  readonly outputs: number;
  /** Every hessian is 1: histograms then use row counts as hessian sums. */
  readonly constantHessian: boolean;
  /** The best constant raw score per output (the boosting start). */
  baseline(): Float64Array;
  /** Fills gradients (and hessians, unless constant) at the current raw scores. */
  gradients(raw: Float64Array, grad: Float64Array, hess: Float64Array): void;
  /** Mean loss at the given raw scores (early stopping compares these). */
  value(raw: Float64Array): number;
  /**
   * For losses whose Newton step is a poor leaf value (absolute, huber): the leaf value that minimizes the loss
   * over the leaf's rows `rows[start..end)`, before shrinkage. Null when the Newton value -G/(H+λ) is used.
   */
  readonly leafValue: ((raw: Float64Array, rows: Int32Array, start: number, end: number) => number) | null;
}

class SquaredLoss implements Loss {
  readonly outputs = 1;
  readonly constantHessian = true;
  readonly leafValue = null;
  constructor(private readonly y: Float64Array) {}
  baseline(): Float64Array {
    let s = 0;
    for (let i = 0; i < this.y.length; i++) s += this.y[i];
    return Float64Array.of(this.y.length ? s / this.y.length : 0);
  }
  gradients(raw: Float64Array, grad: Float64Array): void {
    const y = this.y;
    for (let i = 0; i < y.length; i++) grad[i] = raw[i] - y[i];
  }
  value(raw: Float64Array): number {
    const y = this.y;
    let s = 0;
    for (let i = 0; i < y.length; i++) s += (raw[i] - y[i]) ** 2;
    return s / (2 * y.length);
  }
}

class AbsoluteLoss implements Loss {
  readonly outputs = 1;
  readonly constantHessian = true;
  protected readonly scratch: Float64Array;
  constructor(protected readonly y: Float64Array) {
    this.scratch = new Float64Array(y.length);
  }
  baseline(): Float64Array {
    this.scratch.set(this.y);
    return Float64Array.of(median(this.scratch, this.y.length));
  }
  gradients(raw: Float64Array, grad: Float64Array): void {
    const y = this.y;
    for (let i = 0; i < y.length; i++) grad[i] = raw[i] > y[i] ? 1 : raw[i] < y[i] ? -1 : 0;
  }
  value(raw: Float64Array): number {
    const y = this.y;
    let s = 0;
    for (let i = 0; i < y.length; i++) s += Math.abs(raw[i] - y[i]);
    return s / y.length;
  }
  /** The median residual of the leaf, as scikit-learn does for absolute error. */
  readonly leafValue = (raw: Float64Array, rows: Int32Array, start: number, end: number): number => {
    const r = this.scratch;
    for (let i = start; i < end; i++) r[i - start] = this.y[rows[i]] - raw[rows[i]];
    return median(r, end - start);
  };
}

/**
 * Huber loss with Friedman's adaptive threshold: δ is the 0.9-quantile of the absolute residuals, recomputed at
 * each iteration, so it needs no scale-dependent parameter. Validation uses the δ of the starting residuals,
 * fixed, so that successive iterations are compared on one scale.
 */
class HuberLoss extends AbsoluteLoss {
  delta: number;
  constructor(y: Float64Array, delta?: number) {
    super(y);
    this.delta = delta ?? NaN;
  }
  override baseline(): Float64Array {
    const b = super.baseline();
    if (Number.isNaN(this.delta)) {
      const r = this.scratch;
      for (let i = 0; i < this.y.length; i++) r[i] = Math.abs(this.y[i] - b[0]);
      this.delta = quantile(r, this.y.length, 0.9);
    }
    return b;
  }
  override gradients(raw: Float64Array, grad: Float64Array): void {
    const y = this.y;
    const r = this.scratch;
    for (let i = 0; i < y.length; i++) r[i] = Math.abs(raw[i] - y[i]);
    const d = (this.delta = quantile(r, y.length, 0.9));
    for (let i = 0; i < y.length; i++) {
      const e = raw[i] - y[i];
      grad[i] = e > d ? d : e < -d ? -d : e;
    }
  }
  override value(raw: Float64Array): number {
    const y = this.y;
    const d = this.delta;
    let s = 0;
    for (let i = 0; i < y.length; i++) {
      const e = Math.abs(raw[i] - y[i]);
      s += e <= d ? 0.5 * e * e : d * (e - 0.5 * d);
    }
    return s / y.length;
  }
  /** Friedman's one-step leaf value: the median residual plus the mean of the clipped deviations from it. */
  override readonly leafValue = (raw: Float64Array, rows: Int32Array, start: number, end: number): number => {
    const r = this.scratch;
    const m = end - start;
    for (let i = start; i < end; i++) r[i - start] = this.y[rows[i]] - raw[rows[i]];
    const med = median(r, m);
    const d = this.delta;
    let s = 0;
    for (let i = 0; i < m; i++) {
      const e = r[i] - med;
      s += e > d ? d : e < -d ? -d : e;
    }
    return med + s / m;
  };
}

/** Probabilities are kept away from 0 and 1 by this much when taking logs of class priors. */
const EPS = 1e-15;

class BinaryLogLoss implements Loss {
  readonly outputs = 1;
  readonly constantHessian = false;
  readonly leafValue = null;
  constructor(private readonly y: Int32Array) {}
  baseline(): Float64Array {
    let pos = 0;
    for (let i = 0; i < this.y.length; i++) pos += this.y[i];
    const p = Math.min(1 - EPS, Math.max(EPS, this.y.length ? pos / this.y.length : 0.5));
    return Float64Array.of(Math.log(p / (1 - p)));
  }
  gradients(raw: Float64Array, grad: Float64Array, hess: Float64Array): void {
    const y = this.y;
    for (let i = 0; i < y.length; i++) {
      const p = 1 / (1 + Math.exp(-raw[i]));
      grad[i] = p - y[i];
      hess[i] = p * (1 - p);
    }
  }
  value(raw: Float64Array): number {
    const y = this.y;
    let s = 0;
    for (let i = 0; i < y.length; i++) {
      const r = raw[i];
      s += Math.max(r, 0) - y[i] * r + Math.log1p(Math.exp(-Math.abs(r)));
    }
    return s / y.length;
  }
}

class SoftmaxLoss implements Loss {
  readonly constantHessian = false;
  readonly leafValue = null;
  private readonly p: Float64Array;
  constructor(private readonly y: Int32Array, readonly outputs: number) {
    this.p = new Float64Array(outputs);
  }
  baseline(): Float64Array {
    const k = this.outputs;
    const counts = new Float64Array(k);
    for (let i = 0; i < this.y.length; i++) counts[this.y[i]]++;
    return counts.map((c) => Math.log(Math.max(EPS, c / Math.max(1, this.y.length))));
  }
  gradients(raw: Float64Array, grad: Float64Array, hess: Float64Array): void {
    const { y, outputs: k, p } = this;
    const n = y.length;
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (raw[c * n + i] > max) max = raw[c * n + i];
      let s = 0;
      for (let c = 0; c < k; c++) s += p[c] = Math.exp(raw[c * n + i] - max);
      for (let c = 0; c < k; c++) {
        const q = p[c] / s;
        grad[c * n + i] = q - (y[i] === c ? 1 : 0);
        hess[c * n + i] = q * (1 - q);
      }
    }
  }
  value(raw: Float64Array): number {
    const { y, outputs: k } = this;
    const n = y.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (raw[c * n + i] > max) max = raw[c * n + i];
      let s = 0;
      for (let c = 0; c < k; c++) s += Math.exp(raw[c * n + i] - max);
      total += max + Math.log(s) - raw[y[i] * n + i];
    }
    return total / n;
  }
}

/** A regression loss by name; `delta` fixes huber's threshold (for validation losses). */
export function regressionLoss(name: string, y: Float64Array, delta?: number): Loss {
  if (name === 'absolute') return new AbsoluteLoss(y);
  if (name === 'huber') return new HuberLoss(y, delta);
  return new SquaredLoss(y);
}

/** Log loss for `classes` classes: sigmoid with one output for two, softmax with one output per class beyond. */
export function classificationLoss(codes: Int32Array, classes: number): Loss {
  return classes <= 2 ? new BinaryLogLoss(codes) : new SoftmaxLoss(codes, classes);
}

/** Huber's starting threshold, so a validation loss can share it; NaN for other losses. */
export function huberDelta(loss: Loss): number {
  return loss instanceof HuberLoss ? loss.delta : NaN;
}
