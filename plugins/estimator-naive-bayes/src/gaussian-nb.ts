import {
  classPrediction, inputError, stateField,
  type EstimatorDefinition, type FittedModel, type Matrix, type StateValue,
} from '@autopipe/core';
import { checkColumns } from './columns.js';
import { logPriorsFromCodes, normalizeLogProba } from './log-proba.js';
import { NO_CALIBRATION, calibrate, checkCalibration, fitCalibration, readCalibration, type Calibration } from './calibration.js';
import { gaussianNbOnnx } from './onnx.js';

/** Hyperparameters of `gaussian_nb`, named as in scikit-learn's `GaussianNB`. */
export type GaussianNbParams = {
  /** Added to every variance, as a fraction of the largest feature variance (numerical stability). */
  readonly var_smoothing: number;
  /** `sigmoid`: calibrate the probabilities out-of-fold (temperature + class offsets, see calibration.ts); `none`: as scikit-learn. */
  readonly calibration: string;
};

const KEY = 'gaussian_nb';

interface GaussianFit {
  readonly classes: readonly string[];
  readonly cols: number;
  /** softmax(scale · jll + bias), fitted out-of-fold (see calibration.ts). */
  readonly calibration: Calibration;
  /** Class-major `k × cols` means and (smoothed) variances. */
  readonly theta: Float64Array;
  readonly variance: Float64Array;
  readonly logPrior: Float64Array;
}

/** Largest population variance over the columns of x (two-pass per column). */
function maxVariance(x: Matrix): number {
  let mx = 0;
  for (let j = 0; j < x.cols; j++) {
    const off = j * x.rows;
    let mu = 0;
    for (let i = 0; i < x.rows; i++) mu += x.data[off + i];
    mu /= x.rows;
    let s = 0;
    for (let i = 0; i < x.rows; i++) s += (x.data[off + i] - mu) ** 2;
    mx = Math.max(mx, s / x.rows);
  }
  return mx;
}

function fitGaussian(x: Matrix, classes: readonly string[], codes: Int32Array, varSmoothing: number): Omit<GaussianFit, 'calibration'> {
  const k = classes.length;
  const { rows, cols } = x;
  // sklearn's epsilon_ = var_smoothing · max variance; when every column is constant that is 0 and would
  // divide by zero, so fall back to var_smoothing itself as an absolute floor.
  const eps = varSmoothing * maxVariance(x) || varSmoothing || Number.MIN_VALUE;
  const counts = new Float64Array(k);
  for (let i = 0; i < rows; i++) counts[codes[i]]++;
  const theta = new Float64Array(k * cols);
  const variance = new Float64Array(k * cols);
  const acc = new Float64Array(k);
  for (let j = 0; j < cols; j++) {
    const off = j * rows;
    acc.fill(0);
    for (let i = 0; i < rows; i++) acc[codes[i]] += x.data[off + i];
    for (let c = 0; c < k; c++) theta[c * cols + j] = counts[c] > 0 ? acc[c] / counts[c] : 0;
    acc.fill(0);
    for (let i = 0; i < rows; i++) {
      const d = x.data[off + i] - theta[codes[i] * cols + j];
      acc[codes[i]] += d * d;
    }
    for (let c = 0; c < k; c++) variance[c * cols + j] = (counts[c] > 0 ? acc[c] / counts[c] : 0) + eps;
  }
  return { classes, cols, theta, variance, logPrior: logPriorsFromCodes(codes, k) };
}

/** Class-major joint log-likelihoods `jll[c * rows + i]`. */
function jointLogLikelihood(fit: Omit<GaussianFit, 'calibration'>, x: Matrix): Float64Array {
  const n = x.rows;
  const k = fit.classes.length;
  const cols = fit.cols;
  const jll = new Float64Array(k * n);
  for (let c = 0; c < k; c++) {
    let base = fit.logPrior[c];
    for (let j = 0; j < cols; j++) base -= 0.5 * Math.log(2 * Math.PI * fit.variance[c * cols + j]);
    const z = jll.subarray(c * n, (c + 1) * n);
    z.fill(base);
    for (let j = 0; j < cols; j++) {
      const mu = fit.theta[c * cols + j];
      const half = 0.5 / fit.variance[c * cols + j];
      const off = j * n;
      for (let i = 0; i < n; i++) {
        const d = x.data[off + i] - mu;
        z[i] -= half * d * d;
      }
    }
  }
  return jll;
}

function predictProba(fit: GaussianFit, x: Matrix): Float64Array {
  return normalizeLogProba(calibrate(jointLogLikelihood(fit, x), x.rows, fit.calibration), x.rows, fit.classes.length);
}

function model(fit: GaussianFit): FittedModel {
  return {
    estimator: KEY,
    predict(x) {
      checkColumns(KEY, fit.cols, x);
      return classPrediction(fit.classes, predictProba(fit, x));
    },
    state: (): StateValue => ({
      classes: [...fit.classes], cols: fit.cols, calibration: { scale: fit.calibration.scale, bias: fit.calibration.bias.slice() }, theta: fit.theta.slice(), variance: fit.variance.slice(), logPrior: fit.logPrior.slice(),
    }),
  };
}

/**
 * Gaussian naive Bayes (scikit-learn's `GaussianNB`): per-class feature means and variances, class priors
 * from the training frequencies, prediction by Bayes' rule in log space. Deterministic.
 */
export const gaussianNb: EstimatorDefinition<GaussianNbParams> = {
  kind: 'estimator',
  key: KEY,
  description: 'Gaussian naive Bayes: per-class normal densities with independent features',
  tasks: ['binary', 'multiclass'],
  capabilities: [],
  defaults: { var_smoothing: 1e-9, calibration: 'sigmoid' },
  space: { var_smoothing: { kind: 'float', low: 1e-12, high: 1e-3, log: true } },
  // Portfolio: measured by tools/bench/portfolio.mjs (5-fold CV on 10 small datasets; see README).
  portfolio: [{ var_smoothing: 1e-4 }, { var_smoothing: 1e-6 }],
  // Cost: first trial at full size × logistic's, median over the 60 s AutoML suite (tools/bench/costs.mjs).
  cost: 2.9,

  fit(x, y, params, ctx) {
    if (!(params.var_smoothing >= 0)) {
      throw inputError('INVALID_PARAMS', `Estimator "${KEY}": hyperparameter "var_smoothing" must be zero or positive (e.g. 1e-9), got ${params.var_smoothing}.`, { owner: KEY, param: 'var_smoothing' });
    }
    if (y.kind !== 'classification') throw inputError('UNSUPPORTED_TASK', `Estimator "${KEY}" needs a class target.`);
    checkCalibration(KEY, params.calibration);
    const fit = fitGaussian(x, y.classes, y.codes, params.var_smoothing);
    const k = y.classes.length;
    const calibration = params.calibration === 'none' ? NO_CALIBRATION(y.classes.length) : fitCalibration(x, y.codes, k, ctx.seed, (xs, cs) => fitGaussian(xs, y.classes, cs, params.var_smoothing), jointLogLikelihood);
    return model({ ...fit, calibration });
  },

  toOnnx: gaussianNbOnnx,
  restore(state) {
    const owner = `estimator "${KEY}"`;
    const classes = stateField<string[]>(state, 'classes', (v) => Array.isArray(v) && v.length >= 1 && v.every((c) => typeof c === 'string'), owner);
    const cols = stateField<number>(state, 'cols', (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0, owner);
    const size = (v: StateValue, n: number) => v instanceof Float64Array && v.length === n;
    const theta = stateField<Float64Array>(state, 'theta', (v) => size(v, classes.length * cols), owner);
    const variance = stateField<Float64Array>(state, 'variance', (v) => size(v, classes.length * cols), owner);
    const logPrior = stateField<Float64Array>(state, 'logPrior', (v) => size(v, classes.length), owner);
    return model({ classes, cols, theta, variance, logPrior, calibration: readCalibration(state, classes.length, owner) });
  },
};
