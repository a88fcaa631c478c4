/**
 * Classifier output: `proba` is row-major `rows × classes.length` and each row sums to 1;
 * `labels` are codes into `classes` (the arg-max of each row).
 */
export interface ClassPrediction {
  readonly kind: 'classification';
  readonly classes: readonly string[];
  readonly proba: Float64Array;
  readonly labels: Int32Array;
}

export interface RegressionPrediction {
  readonly kind: 'regression';
  readonly values: Float64Array;
}

export type Prediction = ClassPrediction | RegressionPrediction;

export function predictionLength(p: Prediction): number {
  return p.kind === 'classification' ? p.labels.length : p.values.length;
}

/** Builds a class prediction from probabilities, filling labels with the arg-max (first wins ties). */
export function classPrediction(classes: readonly string[], proba: Float64Array): ClassPrediction {
  const k = classes.length;
  const n = proba.length / k;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bv = proba[i * k];
    for (let c = 1; c < k; c++) {
      const v = proba[i * k + c];
      if (v > bv) {
        bv = v;
        best = c;
      }
    }
    labels[i] = best;
  }
  return { kind: 'classification', classes, proba, labels };
}

/** The listed rows of a prediction, in order. */
export function takePrediction(p: Prediction, rows: ArrayLike<number>): Prediction {
  const n = rows.length;
  if (p.kind === 'regression') {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = p.values[rows[i]];
    return { kind: 'regression', values };
  }
  const k = p.classes.length;
  const proba = new Float64Array(n * k);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    proba.set(p.proba.subarray(rows[i] * k, rows[i] * k + k), i * k);
    labels[i] = p.labels[rows[i]];
  }
  return { kind: 'classification', classes: p.classes, proba, labels };
}
