import { classPrediction, type MetricDefinition, type Prediction, type Target } from '@autopipe/core';

/**
 * Collects out-of-fold predictions into one prediction aligned with the training rows. A row validated in several
 * splits (repeated k-fold) gets the mean of its predictions; a row never validated stays 0.
 */
export class OutOfFold {
  private readonly data: Float64Array;
  private readonly count: Int32Array;
  private readonly k: number;

  constructor(private readonly y: Target) {
    this.k = y.kind === 'classification' ? y.classes.length : 1;
    const n = y.kind === 'classification' ? y.codes.length : y.values.length;
    this.data = new Float64Array(n * this.k);
    this.count = new Int32Array(n);
  }

  put(rows: Int32Array, p: Prediction): void {
    const src = p.kind === 'classification' ? p.proba : p.values;
    const k = this.k;
    for (let i = 0; i < rows.length; i++) {
      this.count[rows[i]]++;
      for (let c = 0; c < k; c++) this.data[rows[i] * k + c] += src[i * k + c];
    }
  }

  prediction(): Prediction {
    const k = this.k;
    const out = new Float64Array(this.data.length);
    for (let r = 0; r < this.count.length; r++) {
      const m = this.count[r];
      // One prediction (plain k-fold) is copied as is: averaging must not perturb it by rounding.
      if (m === 1) for (let c = 0; c < k; c++) out[r * k + c] = this.data[r * k + c];
      else if (m > 1) for (let c = 0; c < k; c++) out[r * k + c] = this.data[r * k + c] / m;
    }
    return this.y.kind === 'classification' ? classPrediction(this.y.classes, out) : { kind: 'regression', values: out };
  }
}

/** A metric value, or NaN when the metric is undefined on this subset (e.g. AUC on a fold with one class). */
export function safeScore(metric: MetricDefinition, y: Target, p: Prediction): number {
  try {
    return metric.score(y, p);
  } catch {
    return NaN;
  }
}

export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length === 0) return { mean: NaN, std: NaN };
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
  return { mean, std };
}
