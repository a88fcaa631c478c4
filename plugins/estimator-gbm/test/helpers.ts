import { createMatrix, defaultContext, fitEstimator, Rng, type FitContext, type Matrix, type Target } from '@autopipe/core';
import { gbm } from '../src/gbm.js';
import type { GbmModel } from '../src/gbm-model.js';
import type { GbmParams } from '../src/params.js';

export const ctx = defaultContext(7);

/** Column-major matrix from per-column arrays. */
export function matrix(cols: Float64Array[]): Matrix {
  const n = cols[0].length;
  const data = new Float64Array(n * cols.length);
  cols.forEach((c, j) => data.set(c, j * n));
  return createMatrix(n, cols.map((_, j) => `x${j}`), data);
}

export function uniform(n: number, rng: Rng, lo = 0, hi = 1): Float64Array {
  return Float64Array.from({ length: n }, () => lo + rng.next() * (hi - lo));
}

export function regression(values: Float64Array): Target {
  return { kind: 'regression', values };
}

export function classes(codes: ArrayLike<number>, k: number): Target {
  return { kind: 'classification', classes: Array.from({ length: k }, (_, c) => `c${c}`), codes: Int32Array.from(codes) };
}

/** Fits through the validating entry point; the unwrapped model is reachable through restore for extras. */
export async function fit(x: Matrix, y: Target, params: Partial<GbmParams> = {}) {
  return fitEstimator(gbm, x, y, params, ctx);
}

/** Fits and returns the plugin's own model class (with `nIterations`, `rawScores`). */
export function fitRaw(x: Matrix, y: Target, params: Partial<GbmParams> = {}, extra: Partial<FitContext> = {}): GbmModel {
  return gbm.fit(x, y, { ...gbm.defaults, ...params }, { ...ctx, task: y.kind === 'regression' ? 'regression' : 'binary', ...extra }) as GbmModel;
}

export function rmse(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / a.length);
}
