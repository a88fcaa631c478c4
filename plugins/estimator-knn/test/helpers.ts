import { createMatrix, defaultContext, fitEstimator, type FittedModel, type Matrix, type Params, type Target } from '@autopipe/core';
import { knn } from '../src/knn.js';

/** A column-major matrix from rows written out by hand. */
export function matrix(rows: readonly (readonly number[])[]): Matrix {
  const n = rows.length;
  const d = n ? rows[0].length : 0;
  const data = new Float64Array(n * d);
  rows.forEach((r, i) => r.forEach((v, j) => { data[j * n + i] = v; }));
  return createMatrix(n, Array.from({ length: d }, (_, j) => `x${j}`), data);
}

export function classes(codes: readonly number[], labels: readonly string[]): Target {
  return { kind: 'classification', classes: labels, codes: Int32Array.from(codes) };
}

export function values(v: readonly number[]): Target {
  return { kind: 'regression', values: Float64Array.from(v) };
}

/** Fits with raw votes (no prior smoothing) unless `params` asks for it: the hand and scikit-learn references are raw. */
export function fitKnn(x: Matrix, y: Target, params: Params): Promise<FittedModel> {
  return fitEstimator(knn, x, y, { prior_smoothing: 0, ...params }, defaultContext(1));
}
