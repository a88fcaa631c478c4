import { inputError, type Matrix } from '@autopipe/core';

/** Fails with SCHEMA_MISMATCH when a matrix does not have the column count a model was fitted on. */
export function checkColumns(estimator: string, fitted: number, x: Matrix): void {
  if (x.cols !== fitted) {
    throw inputError('SCHEMA_MISMATCH', `Estimator "${estimator}" was fitted on ${fitted} columns but got ${x.cols}; predict with the same features (and in the same order) as in training.`, { estimator, expected: fitted, got: x.cols });
  }
}

/** Fails with UNSUPPORTED_INPUT, naming the first column and row holding a negative value. */
export function checkNonNegative(estimator: string, x: Matrix): void {
  const d = x.data;
  for (let at = 0; at < d.length; at++) {
    if (d[at] < 0) {
      const column = x.names[Math.floor(at / x.rows)];
      const row = (at % x.rows) + 1;
      throw inputError(
        'UNSUPPORTED_INPUT',
        `Estimator "${estimator}" needs non-negative features such as counts or TF-IDF, but column "${column}" has ${d[at]} at row ${row}; `
          + 'drop or shift that column, or use gaussian_nb for real-valued features.',
        { estimator, column, row },
      );
    }
  }
}
