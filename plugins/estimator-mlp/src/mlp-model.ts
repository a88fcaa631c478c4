import {
  AutopipeError, classPrediction, inputError, stateField,
  type FittedModel, type Matrix, type Prediction, type StateValue,
} from '@autopipe/core';
import { KEY } from './params.js';
import { forward, type DenseLayer, type Network } from './network.js';

/** Everything a fitted MLP needs to predict; no TensorFlow.js objects. */
export interface MlpFit {
  readonly cols: number;
  readonly network: Network;
  /** Class labels, or null for regression. */
  readonly classes: readonly string[] | null;
  /** Undoes the target standardization of regression (identity for classes). */
  readonly yMean: number;
  readonly yStd: number;
  /** Hidden widths and whether batch norm was folded in, for reading a saved model. */
  readonly hidden: readonly number[];
  readonly batchNorm: boolean;
}

const STATE_VERSION = 1;

function probabilities(out: Float64Array, rows: number, k: number): Float64Array {
  const proba = new Float64Array(rows * k);
  if (k === 2) {
    for (let i = 0; i < rows; i++) {
      const z = out[i];
      // Stable sigmoid: exp of a non-positive number only.
      const p1 = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      proba[i * 2] = 1 - p1;
      proba[i * 2 + 1] = p1;
    }
    return proba;
  }
  for (let i = 0; i < rows; i++) {
    let mx = -Infinity;
    for (let c = 0; c < k; c++) mx = Math.max(mx, out[c * rows + i]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(out[c * rows + i] - mx);
    for (let c = 0; c < k; c++) proba[i * k + c] = Math.exp(out[c * rows + i] - mx) / sum;
  }
  return proba;
}

/** The fitted model: a plain-JS forward pass, identical before and after save/restore. */
export function mlpModel(fit: MlpFit): FittedModel {
  return {
    estimator: KEY,
    predict(x: Matrix): Prediction {
      if (x.cols !== fit.cols) {
        throw inputError('SCHEMA_MISMATCH', `Estimator "${KEY}" was fitted on ${fit.cols} columns but got ${x.cols}; pass the same columns as in training.`, { estimator: KEY, expected: fit.cols, got: x.cols });
      }
      const out = forward(fit.network, x.data, x.rows);
      if (fit.classes) return classPrediction(fit.classes, probabilities(out, x.rows, fit.classes.length));
      const values = new Float64Array(x.rows);
      for (let i = 0; i < x.rows; i++) values[i] = out[i] * fit.yStd + fit.yMean;
      return { kind: 'regression', values };
    },
    state: (): StateValue => ({
      version: STATE_VERSION,
      cols: fit.cols,
      hidden: [...fit.hidden],
      batchNorm: fit.batchNorm,
      classes: fit.classes ? [...fit.classes] : null,
      yMean: fit.yMean,
      yStd: fit.yStd,
      kernels: fit.network.layers.map((l) => l.kernel.slice()),
      biases: fit.network.layers.map((l) => l.bias.slice()),
    }),
  };
}

/** Rebuilds a fitted MLP from `state()`; imports nothing from TensorFlow.js. */
export function restoreMlp(state: StateValue): FittedModel {
  const owner = `estimator "${KEY}"`;
  const isCount = (v: StateValue) => typeof v === 'number' && Number.isInteger(v) && v >= 1;
  const version = stateField<number>(state, 'version', (v) => typeof v === 'number', owner);
  if (version !== STATE_VERSION) throw new AutopipeError('MODEL_INCOMPATIBLE', `Saved ${owner} has state version ${version}; this version reads ${STATE_VERSION}. Refit the model.`, { owner, version });
  const cols = stateField<number>(state, 'cols', isCount, owner);
  const hidden = stateField<number[]>(state, 'hidden', (v) => Array.isArray(v) && v.every(isCount), owner);
  const batchNorm = stateField<boolean>(state, 'batchNorm', (v) => typeof v === 'boolean', owner);
  const classes = stateField<string[] | null>(state, 'classes', (v) => v === null || (Array.isArray(v) && v.length >= 2 && v.every((c) => typeof c === 'string')), owner);
  const yMean = stateField<number>(state, 'yMean', (v) => typeof v === 'number', owner);
  const yStd = stateField<number>(state, 'yStd', (v) => typeof v === 'number', owner);
  const widths = [cols, ...hidden, classes ? (classes.length === 2 ? 1 : classes.length) : 1];
  const arrays = (key: string, size: (l: number) => number) =>
    stateField<Float32Array[]>(state, key, (v) => Array.isArray(v) && v.length === widths.length - 1 && v.every((a, l) => a instanceof Float32Array && a.length === size(l)), owner);
  const kernels = arrays('kernels', (l) => widths[l] * widths[l + 1]);
  const biases = arrays('biases', (l) => widths[l + 1]);
  const layers: DenseLayer[] = kernels.map((kernel, l) => ({ inputs: widths[l], outputs: widths[l + 1], kernel, bias: biases[l] }));
  return mlpModel({ cols, network: { layers }, classes, yMean, yStd, hidden, batchNorm });
}
