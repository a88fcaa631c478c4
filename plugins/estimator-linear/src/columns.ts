import { inputError, type Matrix } from '@autopipe/core';

/** Fails with SCHEMA_MISMATCH when a matrix does not have the column count a model was fitted on. */
export function checkColumns(estimator: string, fitted: number, x: Matrix): void {
  if (x.cols !== fitted) {
    throw inputError('SCHEMA_MISMATCH', `Estimator "${estimator}" was fitted on ${fitted} columns but got ${x.cols}; predict with the same features (and in the same order) as in training.`, { estimator, expected: fitted, got: x.cols });
  }
}

/** |coef| per input column, averaged over outputs (one output for binary/regression, one per class for multinomial). */
export function coefImportances(coef: Float64Array, cols: number): Float64Array {
  const outputs = cols === 0 ? 0 : coef.length / cols;
  const out = new Float64Array(cols);
  for (let o = 0; o < outputs; o++) for (let j = 0; j < cols; j++) out[j] += Math.abs(coef[o * cols + j]);
  if (outputs > 1) for (let j = 0; j < cols; j++) out[j] /= outputs;
  return out;
}
