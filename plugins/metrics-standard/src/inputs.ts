import { inputError, type ClassPrediction, type ClassTarget, type Prediction, type Target } from '@autopipe/core';

/** Labels of a target and a prediction as codes into one shared class list (target classes first). */
export interface LabelPair {
  readonly n: number;
  readonly classes: readonly string[];
  readonly truth: Int32Array;
  readonly pred: Int32Array;
}

function checkLength(key: string, ny: number, np: number): void {
  if (ny !== np) {
    throw inputError('INVALID_ARGUMENT', `Metric "${key}": the target has ${ny} rows but the prediction has ${np}; score predictions made for the same rows.`, { metric: key, targetRows: ny, predictionRows: np });
  }
  if (ny === 0) throw inputError('INVALID_ARGUMENT', `Metric "${key}": cannot score zero rows; pass at least one row.`, { metric: key });
}

/** Checks that both sides are classifications of the same length. */
export function classInputs(key: string, y: Target, p: Prediction): { y: ClassTarget; p: ClassPrediction } {
  if (y.kind !== 'classification' || p.kind !== 'classification') {
    throw inputError('INVALID_ARGUMENT', `Metric "${key}" scores classification, but got a ${y.kind} target and a ${p.kind} prediction; use rmse, mae or r2 for regression.`, { metric: key, target: y.kind, prediction: p.kind });
  }
  checkLength(key, y.codes.length, p.labels.length);
  return { y, p };
}

/** Checks that both sides are regressions of the same length and the values are finite. */
export function valueInputs(key: string, y: Target, p: Prediction): { y: Float64Array; p: Float64Array } {
  if (y.kind !== 'regression' || p.kind !== 'regression') {
    throw inputError('INVALID_ARGUMENT', `Metric "${key}" scores regression, but got a ${y.kind} target and a ${p.kind} prediction; use a classification metric such as accuracy or log_loss.`, { metric: key, target: y.kind, prediction: p.kind });
  }
  checkLength(key, y.values.length, p.values.length);
  for (let i = 0; i < p.values.length; i++) {
    if (!Number.isFinite(p.values[i])) throw inputError('INVALID_ARGUMENT', `Metric "${key}": prediction at row ${i + 1} is ${p.values[i]}; predictions must be finite numbers.`, { metric: key, row: i + 1 });
  }
  return { y: y.values, p: p.values };
}

/**
 * Maps predicted labels into the target's class list by name, so a model trained on other (or
 * differently ordered) classes is still scored correctly; predicted classes unknown to the target are appended.
 */
export function labelPair(key: string, y: Target, p: Prediction): LabelPair {
  const c = classInputs(key, y, p);
  const classes = [...c.y.classes];
  const index = new Map(classes.map((l, i) => [l, i]));
  const remap = new Int32Array(c.p.classes.length);
  c.p.classes.forEach((l, j) => {
    let code = index.get(l);
    if (code === undefined) {
      code = classes.length;
      classes.push(l);
      index.set(l, code);
    }
    remap[j] = code;
  });
  const n = c.y.codes.length;
  const pred = new Int32Array(n);
  for (let i = 0; i < n; i++) pred[i] = remap[c.p.labels[i]];
  return { n, classes, truth: c.y.codes, pred };
}

/** Probabilities as read by proba metrics: `column[c]` is the proba column of target class `c`. */
export interface ProbaInputs {
  readonly n: number;
  readonly y: ClassTarget;
  readonly proba: Float64Array;
  /** Number of columns in `proba` (row-major). */
  readonly width: number;
  readonly column: Int32Array;
  /** Rows of each target class. */
  readonly support: Int32Array;
}

/** Finds each target class's probability column by name; a class that occurs in y but has no column is an error. */
export function probaInputs(key: string, y: Target, p: Prediction): ProbaInputs {
  const c = classInputs(key, y, p);
  const n = c.y.codes.length;
  const width = c.p.classes.length;
  if (c.p.proba.length !== n * width) {
    throw inputError('INVALID_ARGUMENT', `Metric "${key}": the prediction has ${c.p.proba.length} probabilities for ${n} rows × ${width} classes; pass a prediction with a full probability matrix.`, { metric: key });
  }
  for (let i = 0; i < c.p.proba.length; i++) {
    if (Number.isNaN(c.p.proba[i])) throw inputError('INVALID_ARGUMENT', `Metric "${key}": predicted probability at row ${Math.floor(i / width) + 1} is NaN; predictions must be numbers.`, { metric: key, row: Math.floor(i / width) + 1 });
  }
  const support = new Int32Array(c.y.classes.length);
  for (let i = 0; i < n; i++) support[c.y.codes[i]]++;
  const byName = new Map(c.p.classes.map((l, j) => [l, j]));
  const column = new Int32Array(c.y.classes.length);
  c.y.classes.forEach((l, k) => {
    const j = byName.get(l);
    if (j === undefined && support[k] > 0) {
      throw inputError('SCHEMA_MISMATCH', `Metric "${key}": class "${l}" occurs in the target but the prediction has no probability for it (predicted classes: ${c.p.classes.join(', ')}); train on data that contains every class.`, { metric: key, class: l });
    }
    column[k] = j ?? -1;
  });
  return { n, y: c.y, proba: c.p.proba, width, column, support };
}
