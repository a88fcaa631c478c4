import { inputError, type Target } from '@autopipe/core';

/** What a target encoder averages: one output per class for multiclass, else a single output. */
export interface TargetOutputs {
  readonly kind: 'binary' | 'multiclass' | 'regression';
  /** Class labels, one per output for multiclass; for binary, the positive class alone. Empty for regression. */
  readonly labels: readonly string[];
  /** Row-major n × K matrix of what each row contributes to each output (1/0 indicators, or y). */
  readonly values: Float64Array;
  /** 1 where the row's target is usable, 0 where it is missing. */
  readonly weights: Float64Array;
  readonly k: number;
}

/**
 * Spreads the target into the columns the encoder averages. Binary targets encode P(y = positive class), the
 * positive class being the last of the sorted `classes` (as core sorts them: "1" for 0/1, "yes" for no/yes).
 * A single-class target is treated as binary with that class positive. Rows with a NaN regression target or an
 * out-of-range class code weigh 0.
 */
export function targetOutputs(y: Target, rows: number, owner: string): TargetOutputs {
  const n = y.kind === 'classification' ? y.codes.length : y.values.length;
  if (n !== rows) {
    throw inputError('INVALID_ARGUMENT', `${owner} was given a target of ${n} rows for a frame of ${rows} rows; the target must be aligned with the frame's rows.`, { rows, targetRows: n });
  }
  const weights = new Float64Array(n);
  if (y.kind === 'regression') {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = y.values[i];
      if (v === v) {
        values[i] = v;
        weights[i] = 1;
      }
    }
    return { kind: 'regression', labels: [], values, weights, k: 1 };
  }
  const nc = y.classes.length;
  if (nc <= 2) {
    const positive = nc - 1;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = y.codes[i];
      if (c < 0 || c >= nc) continue;
      weights[i] = 1;
      values[i] = c === positive ? 1 : 0;
    }
    return { kind: 'binary', labels: nc > 0 ? [y.classes[positive]] : [], values, weights, k: 1 };
  }
  const values = new Float64Array(n * nc);
  for (let i = 0; i < n; i++) {
    const c = y.codes[i];
    if (c < 0 || c >= nc) continue;
    weights[i] = 1;
    values[i * nc + c] = 1;
  }
  return { kind: 'multiclass', labels: [...y.classes], values, weights, k: nc };
}
