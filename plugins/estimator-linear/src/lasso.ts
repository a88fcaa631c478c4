import type { EstimatorDefinition } from '@autopipe/core';
import { fitEnet } from './enet-fit.js';
import { restoreLinearRegressor } from './linear-regressor.js';
import { linearRegressorOnnx } from './onnx.js';

/** Hyperparameters of `lasso`, named as in scikit-learn's `Lasso`. */
export type LassoParams = {
  /** L1 strength on 1/(2n)·||y − Xw − b||² + alpha·||w||₁, in units of y. */
  readonly alpha: number;
  readonly max_iter: number;
  /** Stop when the duality gap is at most tol·||y − ȳ||² (scikit-learn's meaning). */
  readonly tol: number;
  readonly fit_intercept: boolean;
};

const KEY = 'lasso';

/**
 * L1-penalized least squares (scikit-learn's `Lasso`) by cyclic coordinate descent with soft-thresholding;
 * sets coefficients exactly to zero. The intercept is not penalized. Deterministic.
 */
export const lasso: EstimatorDefinition<LassoParams> = {
  kind: 'estimator',
  key: KEY,
  description: 'Lasso regression (L1-penalized least squares), cyclic coordinate descent',
  tasks: ['regression'],
  capabilities: ['needs-scaling', 'importances'],
  // scikit-learn's default alpha = 1 zeroes most coefficients when y has unit scale; 0.01 is a mild penalty
  // on standardized features (the plan scales for `needs-scaling`), and search explores the rest.
  defaults: { alpha: 0.01, max_iter: 1000, tol: 1e-4, fit_intercept: true },
  space: { alpha: { kind: 'float', low: 1e-4, high: 10, log: true } },
  // Portfolio and cost: measured by tools/bench/portfolio.mjs (5-fold CV on 10 small datasets; see README).
  portfolio: [{ alpha: 0.1 }, { alpha: 1 }],
  cost: 1.3,
  fit: (x, y, params, ctx) => fitEnet(KEY, x, y, params, 1, ctx),
  toOnnx: linearRegressorOnnx,
  restore: (state) => restoreLinearRegressor(KEY, state),
};
