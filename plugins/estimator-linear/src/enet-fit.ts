import { inputError, type FitContext, type FittedModel, type Matrix, type Target, isExpired } from '@autopipe/core';
import { enetCoordinateDescent } from './coordinate-descent.js';
import { linearRegressor } from './linear-regressor.js';

/** Hyperparameters shared by `lasso` and `elastic_net` (scikit-learn names). */
export interface EnetCommonParams {
  readonly alpha: number;
  readonly max_iter: number;
  readonly tol: number;
  readonly fit_intercept: boolean;
}

/** Validates, runs coordinate descent and logs how it ended; shared by `lasso` and `elastic_net`. */
export function fitEnet(key: string, x: Matrix, y: Target, p: EnetCommonParams, l1Ratio: number, ctx: FitContext): FittedModel {
  const bad = (param: string, want: string, got: unknown): never => {
    throw inputError('INVALID_PARAMS', `Estimator "${key}": hyperparameter "${param}" must be ${want}, got ${String(got)}.`, { owner: key, param });
  };
  if (!(p.alpha >= 0)) bad('alpha', 'zero or positive (e.g. 0.01)', p.alpha);
  if (!(l1Ratio >= 0 && l1Ratio <= 1)) bad('l1_ratio', 'between 0 and 1', l1Ratio);
  if (!(Number.isInteger(p.max_iter) && p.max_iter >= 1)) bad('max_iter', 'a positive integer', p.max_iter);
  if (!(p.tol > 0)) bad('tol', 'a positive number (e.g. 1e-4)', p.tol);
  if (y.kind !== 'regression') throw inputError('UNSUPPORTED_TASK', `Estimator "${key}" needs a numeric target.`);

  const res = enetCoordinateDescent(x.data, x.rows, x.cols, y.values, {
    alpha: p.alpha, l1Ratio, fitIntercept: p.fit_intercept, maxIter: p.max_iter, tol: p.tol,
    shouldStop: () => isExpired(ctx),
  });
  let nonzero = 0;
  for (const w of res.coef) if (w !== 0) nonzero++;
  const fields = { estimator: key, iterations: res.iterations, gap: res.gap, reason: res.reason, nonzero };
  // Debug, not warn: search fits hundreds of configurations and must not flood the user.
  if (res.converged) ctx.logger.debug(`${key} converged`, fields);
  else ctx.logger.debug(`${key} stopped before converging (${res.reason}); raise max_iter or alpha, or scale the features`, fields);
  return linearRegressor(key, { cols: x.cols, coef: res.coef, intercept: res.intercept });
}
