import type { EstimatorDefinition } from '@autopipe/core';
import { fitEnet } from './enet-fit.js';
import { restoreLinearRegressor } from './linear-regressor.js';
import { linearRegressorOnnx } from './onnx.js';

/** Hyperparameters of `elastic_net`, named as in scikit-learn's `ElasticNet`. */
export type ElasticNetParams = {
  /** Overall penalty strength, in units of y. */
  readonly alpha: number;
  /** Share of the penalty that is L1: 1 is the lasso, 0 is ridge (with ridge's alpha = n·alpha). */
  readonly l1_ratio: number;
  readonly max_iter: number;
  /** Stop when the duality gap is at most tol·||y − ȳ||² (scikit-learn's meaning). */
  readonly tol: number;
  readonly fit_intercept: boolean;
};

const KEY = 'elastic_net';

/**
 * Elastic-net regression (scikit-learn's `ElasticNet`): minimizes
 * 1/(2n)·||y − Xw − b||² + alpha·l1_ratio·||w||₁ + alpha/2·(1 − l1_ratio)·||w||² by cyclic coordinate
 * descent. The intercept is not penalized. Deterministic.
 */
export const elasticNet: EstimatorDefinition<ElasticNetParams> = {
  kind: 'estimator',
  key: KEY,
  description: 'Elastic-net regression (L1 + L2 penalized least squares), cyclic coordinate descent',
  tasks: ['regression'],
  capabilities: ['needs-scaling', 'importances'],
  // See `lasso` for why alpha defaults to 0.01 rather than scikit-learn's 1.0.
  defaults: { alpha: 0.01, l1_ratio: 0.5, max_iter: 1000, tol: 1e-4, fit_intercept: true },
  space: {
    alpha: { kind: 'float', low: 1e-4, high: 10, log: true },
    l1_ratio: { kind: 'float', low: 0.05, high: 1 },
  },
  // Portfolio and cost: measured by tools/bench/portfolio.mjs (5-fold CV on 10 small datasets; see README).
  portfolio: [{ alpha: 0.1, l1_ratio: 0.2 }],
  cost: 1.5,
  fit: (x, y, params, ctx) => fitEnet(KEY, x, y, params, params.l1_ratio, ctx),
  toOnnx: linearRegressorOnnx,
  restore: (state) => restoreLinearRegressor(KEY, state),
};
