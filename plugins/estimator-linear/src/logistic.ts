import {
  classPrediction, inputError, stateField,
  type EstimatorDefinition, type FittedModel, type Matrix, type StateValue, isExpired } from '@autopipe/core';
import { checkColumns, coefImportances } from './columns.js';
import { minimizeLbfgs } from './lbfgs.js';
import { linearScores, logisticObjective, sigmoid, unpackWeights, type LogisticLayout } from './logistic-loss.js';
import { logisticOnnx } from './onnx.js';

/** Hyperparameters of `logistic`, named as in scikit-learn's `LogisticRegression`. */
export type LogisticParams = {
  /** Inverse regularization strength: smaller C, stronger L2 shrinkage. */
  readonly C: number;
  readonly max_iter: number;
  /** Stop when the largest gradient component of the mean-scaled objective is at most `tol`. */
  readonly tol: number;
  readonly fit_intercept: boolean;
};

const KEY = 'logistic';

interface LogisticFit {
  readonly classes: readonly string[];
  readonly cols: number;
  /** Output-major, `outputs × cols`: one output (log-odds of classes[1]) for binary, one per class otherwise. */
  readonly coef: Float64Array;
  readonly intercept: Float64Array;
}

function checkParams(p: LogisticParams): void {
  const bad = (param: string, want: string): never => {
    throw inputError('INVALID_PARAMS', `Estimator "${KEY}": hyperparameter "${param}" must be ${want}, got ${(p as Record<string, unknown>)[param]}.`, { owner: KEY, param });
  };
  if (!(p.C > 0)) bad('C', 'a positive number (e.g. 1)');
  if (!(Number.isInteger(p.max_iter) && p.max_iter >= 1)) bad('max_iter', 'a positive integer');
  if (!(p.tol > 0)) bad('tol', 'a positive number (e.g. 1e-6)');
}

function probabilities(fit: LogisticFit, x: Matrix): Float64Array {
  const n = x.rows;
  const outputs = fit.intercept.length;
  const z = new Float64Array(outputs * n);
  linearScores(x.data, n, fit.cols, fit.coef, fit.intercept, z);
  const k = fit.classes.length;
  const proba = new Float64Array(n * k);
  if (outputs === 1) {
    for (let i = 0; i < n; i++) {
      const p1 = sigmoid(z[i]);
      proba[i * 2] = 1 - p1;
      proba[i * 2 + 1] = p1;
    }
    return proba;
  }
  for (let i = 0; i < n; i++) {
    let mx = -Infinity;
    for (let c = 0; c < k; c++) mx = Math.max(mx, z[c * n + i]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(z[c * n + i] - mx);
    const lse = mx + Math.log(sum);
    for (let c = 0; c < k; c++) proba[i * k + c] = Math.exp(z[c * n + i] - lse);
  }
  return proba;
}

function model(fit: LogisticFit): FittedModel {
  return {
    estimator: KEY,
    predict(x) {
      checkColumns(KEY, fit.cols, x);
      return classPrediction(fit.classes, probabilities(fit, x));
    },
    state: (): StateValue => ({ classes: [...fit.classes], cols: fit.cols, coef: fit.coef.slice(), intercept: fit.intercept.slice() }),
    importances: () => coefImportances(fit.coef, fit.cols),
  };
}

/**
 * L2-regularized logistic regression (sigmoid for binary, multinomial softmax for multiclass) fitted by
 * L-BFGS from zero weights, so it is deterministic and ignores the seed.
 */
export const logistic: EstimatorDefinition<LogisticParams> = {
  kind: 'estimator',
  key: KEY,
  description: 'L2-regularized logistic regression (binary sigmoid / multinomial softmax), fitted with L-BFGS',
  tasks: ['binary', 'multiclass'],
  capabilities: ['needs-scaling', 'importances'],
  defaults: { C: 1.0, max_iter: 200, tol: 1e-6, fit_intercept: true },
  space: { C: { kind: 'float', low: 1e-3, high: 1e3, log: true } },
  // Portfolio and cost: measured by tools/bench/portfolio.mjs (5-fold CV on 10 small datasets; see README).
  portfolio: [{ C: 0.1 }, { C: 100 }],
  cost: 1,

  fit(x, y, params, ctx) {
    checkParams(params);
    if (y.kind !== 'classification') throw inputError('UNSUPPORTED_TASK', `Estimator "${KEY}" needs a class target.`);
    const k = y.classes.length;
    if (k < 2) throw inputError('SINGLE_CLASS_TARGET', `Estimator "${KEY}" needs at least two classes, but the target only has "${y.classes[0] ?? ''}".`, { estimator: KEY });
    const layout: LogisticLayout = { cols: x.cols, outputs: k === 2 ? 1 : k, fitIntercept: params.fit_intercept };
    const objective = logisticObjective({ x: x.data, rows: x.rows, codes: y.codes }, layout, params.C);
    const w0 = new Float64Array(layout.outputs * (x.cols + (params.fit_intercept ? 1 : 0)));
    const res = minimizeLbfgs(objective, w0, { maxIter: params.max_iter, gtol: params.tol, shouldStop: () => isExpired(ctx) });
    const fields = { estimator: KEY, iterations: res.iterations, evaluations: res.evaluations, loss: res.f, gradNorm: res.gradNorm, reason: res.reason };
    if (res.converged) ctx.logger.debug('logistic regression converged', fields);
    else ctx.logger.debug(`logistic regression stopped before converging (${res.reason}); raise max_iter or scale the features`, fields);
    const { coef, intercept } = unpackWeights(res.x, layout);
    return model({ classes: [...y.classes], cols: x.cols, coef, intercept });
  },

  toOnnx: logisticOnnx,
  restore(state) {
    const owner = `estimator "${KEY}"`;
    const classes = stateField<string[]>(state, 'classes', (v) => Array.isArray(v) && v.length >= 2 && v.every((c) => typeof c === 'string'), owner);
    const cols = stateField<number>(state, 'cols', (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0, owner);
    const outputs = classes.length === 2 ? 1 : classes.length;
    const coef = stateField<Float64Array>(state, 'coef', (v) => v instanceof Float64Array && v.length === outputs * cols, owner);
    const intercept = stateField<Float64Array>(state, 'intercept', (v) => v instanceof Float64Array && v.length === outputs, owner);
    return model({ classes, cols, coef, intercept });
  },
};
