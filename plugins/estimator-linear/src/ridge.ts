import {
  AutopipeError, inputError, stateField,
  type EstimatorDefinition, type FittedModel, type StateValue,
} from '@autopipe/core';
import { cholesky, choleskySolve } from './cholesky.js';
import { checkColumns, coefImportances } from './columns.js';
import { normalEquations } from './normal-equations.js';
import { linearRegressorOnnx } from './onnx.js';

/** Hyperparameters of `ridge`, named as in scikit-learn's `Ridge`. */
export type RidgeParams = {
  /** L2 penalty on the coefficients (not the intercept); objective ||y − Xw − b||² + alpha·||w||². */
  readonly alpha: number;
  readonly fit_intercept: boolean;
};

const KEY = 'ridge';

interface RidgeFit {
  readonly cols: number;
  readonly coef: Float64Array;
  readonly intercept: number;
}

/**
 * Solves (G + alpha·I)·w = b. When the factorization fails (alpha = 0 with constant or collinear columns),
 * adds a growing jitter relative to the diagonal's scale, which picks a minimum-norm-like solution. The jitter
 * starts at 1e-10 of the largest diagonal entry: smaller ones leave pivots dominated by rounding error.
 */
function solveRidge(gram: Float64Array, rhs: Float64Array, n: number, alpha: number): Float64Array {
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, gram[i * n + i]);
  scale = scale > 0 ? scale : 1;
  for (let jitter = 0, attempt = 0; attempt < 20; attempt++, jitter = jitter === 0 ? scale * 1e-10 : jitter * 10) {
    const a = gram.slice();
    for (let i = 0; i < n; i++) a[i * n + i] += alpha + jitter;
    if (cholesky(a, n)) {
      const w = rhs.slice();
      choleskySolve(a, n, w);
      return w;
    }
  }
  throw new AutopipeError('INTERNAL', `Estimator "${KEY}": the normal equations could not be factorized even with added jitter.`);
}

function model(fit: RidgeFit): FittedModel {
  return {
    estimator: KEY,
    predict(x) {
      checkColumns(KEY, fit.cols, x);
      const n = x.rows;
      const values = new Float64Array(n).fill(fit.intercept);
      for (let j = 0; j < fit.cols; j++) {
        const w = fit.coef[j];
        const off = j * n;
        for (let i = 0; i < n; i++) values[i] += w * x.data[off + i];
      }
      return { kind: 'regression', values };
    },
    state: (): StateValue => ({ cols: fit.cols, coef: fit.coef.slice(), intercept: fit.intercept }),
    importances: () => coefImportances(fit.coef, fit.cols),
  };
}

/**
 * Ridge regression in closed form: Cholesky solve of the centered normal equations (XcᵀXc + alpha·I)·w = Xcᵀyc,
 * then intercept = mean(y) − mean(x)·w, so the intercept is not penalized. Deterministic.
 */
export const ridge: EstimatorDefinition<RidgeParams> = {
  kind: 'estimator',
  key: KEY,
  description: 'Ridge regression (L2-penalized least squares), closed form via Cholesky',
  tasks: ['regression'],
  capabilities: ['needs-scaling', 'importances'],
  defaults: { alpha: 1.0, fit_intercept: true },
  space: { alpha: { kind: 'float', low: 1e-4, high: 1e3, log: true } },
  // Portfolio and cost: measured by tools/bench/portfolio.mjs (5-fold CV on 10 small datasets; see README).
  portfolio: [{ alpha: 100 }, { alpha: 10 }],
  cost: 1,

  fit(x, y, params) {
    if (!(params.alpha >= 0)) {
      throw inputError('INVALID_PARAMS', `Estimator "${KEY}": hyperparameter "alpha" must be zero or positive, got ${params.alpha}.`, { owner: KEY, param: 'alpha' });
    }
    if (y.kind !== 'regression') throw inputError('UNSUPPORTED_TASK', `Estimator "${KEY}" needs a numeric target.`);
    const ne = normalEquations(x.data, x.rows, x.cols, y.values, params.fit_intercept);
    const coef = solveRidge(ne.gram, ne.xty, x.cols, params.alpha);
    let intercept = 0;
    if (params.fit_intercept) {
      intercept = ne.yMean;
      for (let j = 0; j < x.cols; j++) intercept -= ne.xMean[j] * coef[j];
    }
    return model({ cols: x.cols, coef, intercept });
  },

  toOnnx: linearRegressorOnnx,
  restore(state) {
    const owner = `estimator "${KEY}"`;
    const cols = stateField<number>(state, 'cols', (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0, owner);
    const coef = stateField<Float64Array>(state, 'coef', (v) => v instanceof Float64Array && v.length === cols, owner);
    const intercept = stateField<number>(state, 'intercept', (v) => typeof v === 'number', owner);
    return model({ cols, coef, intercept });
  },
};
