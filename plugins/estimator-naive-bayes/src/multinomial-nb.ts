import {
  classPrediction, inputError, stateField,
  type EstimatorDefinition, type FittedModel, type Matrix, type StateValue,
} from '@autopipe/core';
import { checkColumns, checkNonNegative } from './columns.js';
import { logPriorsFromCodes, normalizeLogProba } from './log-proba.js';
import { NO_CALIBRATION, calibrate, checkCalibration, fitCalibration, readCalibration, type Calibration } from './calibration.js';
import { multinomialNbOnnx } from './onnx.js';

/** Hyperparameters of `multinomial_nb`, named as in scikit-learn's `MultinomialNB`. */
export type MultinomialNbParams = {
  /** Additive (Laplace/Lidstone) smoothing of the per-class feature totals. */
  readonly alpha: number;
  /** Learn class priors from the training frequencies; false uses uniform priors. */
  readonly fit_prior: boolean;
  /** `sigmoid`: calibrate the probabilities out-of-fold (temperature + class offsets, see calibration.ts); `none`: as scikit-learn. */
  readonly calibration: string;
};

const KEY = 'multinomial_nb';
/** scikit-learn (force_alpha=False) raises smaller alphas to this, so log(0) never happens. */
const MIN_ALPHA = 1e-10;

interface MultinomialFit {
  readonly classes: readonly string[];
  readonly cols: number;
  /** softmax(scale · jll + bias), fitted out-of-fold (see calibration.ts). */
  readonly calibration: Calibration;
  /** Class-major `k × cols`: log P(feature j | class c). */
  readonly featureLogProb: Float64Array;
  readonly classLogPrior: Float64Array;
}

function fitMultinomial(x: Matrix, classes: readonly string[], codes: Int32Array, alpha: number, fitPrior: boolean): Omit<MultinomialFit, 'calibration'> {
  const k = classes.length;
  const { rows, cols } = x;
  const counts = new Float64Array(k * cols);
  for (let j = 0; j < cols; j++) {
    const off = j * rows;
    for (let i = 0; i < rows; i++) counts[codes[i] * cols + j] += x.data[off + i];
  }
  const featureLogProb = new Float64Array(k * cols);
  for (let c = 0; c < k; c++) {
    let total = 0;
    for (let j = 0; j < cols; j++) total += counts[c * cols + j] + alpha;
    const logTotal = Math.log(total);
    for (let j = 0; j < cols; j++) featureLogProb[c * cols + j] = Math.log(counts[c * cols + j] + alpha) - logTotal;
  }
  const classLogPrior = fitPrior ? logPriorsFromCodes(codes, k) : new Float64Array(k).fill(-Math.log(k));
  return { classes, cols, featureLogProb, classLogPrior };
}

/** Class-major joint log-likelihoods `jll[c * rows + i]`. */
function jointLogLikelihood(fit: Omit<MultinomialFit, 'calibration'>, x: Matrix): Float64Array {
  const n = x.rows;
  const k = fit.classes.length;
  const jll = new Float64Array(k * n);
  for (let c = 0; c < k; c++) {
    const z = jll.subarray(c * n, (c + 1) * n);
    z.fill(fit.classLogPrior[c]);
    for (let j = 0; j < fit.cols; j++) {
      const w = fit.featureLogProb[c * fit.cols + j];
      const off = j * n;
      // Skip zeros explicitly: 0 · (−∞) would be NaN if a log-probability ever underflowed.
      for (let i = 0; i < n; i++) if (x.data[off + i] !== 0) z[i] += w * x.data[off + i];
    }
  }
  return jll;
}

function predictProba(fit: MultinomialFit, x: Matrix): Float64Array {
  return normalizeLogProba(calibrate(jointLogLikelihood(fit, x), x.rows, fit.calibration), x.rows, fit.classes.length);
}

function model(fit: MultinomialFit): FittedModel {
  return {
    estimator: KEY,
    predict(x) {
      checkColumns(KEY, fit.cols, x);
      checkNonNegative(KEY, x);
      return classPrediction(fit.classes, predictProba(fit, x));
    },
    state: (): StateValue => ({
      classes: [...fit.classes], cols: fit.cols, calibration: { scale: fit.calibration.scale, bias: fit.calibration.bias.slice() }, featureLogProb: fit.featureLogProb.slice(), classLogPrior: fit.classLogPrior.slice(),
    }),
  };
}

/**
 * Multinomial naive Bayes (scikit-learn's `MultinomialNB`) for non-negative count-like features (word
 * counts, TF-IDF). It does not declare `needs-scaling` on purpose: standardizing would make values negative.
 * Deterministic.
 */
export const multinomialNb: EstimatorDefinition<MultinomialNbParams> = {
  kind: 'estimator',
  key: KEY,
  description: 'Multinomial naive Bayes for non-negative count or TF-IDF features',
  tasks: ['binary', 'multiclass'],
  capabilities: ['non-negative'],
  defaults: { alpha: 1.0, fit_prior: true, calibration: 'sigmoid' },
  space: { alpha: { kind: 'float', low: 1e-3, high: 10, log: true } },
  // Portfolio: measured by tools/bench/portfolio.mjs (5-fold CV on 10 small datasets; see README).
  portfolio: [{ alpha: 0.01 }, { alpha: 0.1 }],
  // Cost: first trial at full size × logistic's, median over the 60 s AutoML suite (tools/bench/costs.mjs).
  cost: 0.7,

  fit(x, y, params, ctx) {
    if (!(params.alpha >= 0)) {
      throw inputError('INVALID_PARAMS', `Estimator "${KEY}": hyperparameter "alpha" must be zero or positive (e.g. 1), got ${params.alpha}.`, { owner: KEY, param: 'alpha' });
    }
    if (y.kind !== 'classification') throw inputError('UNSUPPORTED_TASK', `Estimator "${KEY}" needs a class target.`);
    checkNonNegative(KEY, x);
    let alpha = params.alpha;
    if (alpha < MIN_ALPHA) {
      ctx.logger.debug(`${KEY}: alpha ${alpha} is too small for stable log-probabilities; using ${MIN_ALPHA}`, { estimator: KEY });
      alpha = MIN_ALPHA;
    }
    checkCalibration(KEY, params.calibration);
    const fit = fitMultinomial(x, y.classes, y.codes, alpha, params.fit_prior);
    const calibration = params.calibration === 'none' ? NO_CALIBRATION(y.classes.length) : fitCalibration(x, y.codes, y.classes.length, ctx.seed, (xs, cs) => fitMultinomial(xs, y.classes, cs, alpha, params.fit_prior), jointLogLikelihood);
    return model({ ...fit, calibration });
  },

  toOnnx: multinomialNbOnnx,
  restore(state) {
    const owner = `estimator "${KEY}"`;
    const classes = stateField<string[]>(state, 'classes', (v) => Array.isArray(v) && v.length >= 1 && v.every((c) => typeof c === 'string'), owner);
    const cols = stateField<number>(state, 'cols', (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0, owner);
    const featureLogProb = stateField<Float64Array>(state, 'featureLogProb', (v) => v instanceof Float64Array && v.length === classes.length * cols, owner);
    const classLogPrior = stateField<Float64Array>(state, 'classLogPrior', (v) => v instanceof Float64Array && v.length === classes.length, owner);
    return model({ classes, cols, featureLogProb, classLogPrior, calibration: readCalibration(state, classes.length, owner) });
  },
};
