import { inputError, type EstimatorDefinition, type FitContext, type Matrix, type Target } from '@autopipe/core';
import type { Architecture } from './fold.js';
import { mlpModel, restoreMlp } from './mlp-model.js';
import { mlpOnnx } from './onnx.js';
import { KEY, MLP_DEFAULTS, MLP_SPACE, checkParams, mlpCostScale, type MlpParams } from './params.js';
import type { LossKind, TrainData } from './train.js';

/** Keras' batch-norm epsilon. */
const BN_EPSILON = 1e-3;

/** Column-major float64 to the row-major float32 TensorFlow.js trains on. */
function rowMajor(x: Matrix): Float32Array {
  const out = new Float32Array(x.rows * x.cols);
  for (let j = 0; j < x.cols; j++) {
    const col = j * x.rows;
    for (let i = 0; i < x.rows; i++) out[i * x.cols + j] = x.data[col + i];
  }
  return out;
}

interface Encoded {
  readonly data: TrainData;
  readonly loss: LossKind;
  readonly outputs: number;
  readonly yMean: number;
  readonly yStd: number;
}

function encodeTarget(x: Matrix, y: Target): Encoded {
  const n = x.rows;
  if (y.kind === 'regression') {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += y.values[i];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (y.values[i] - mean) ** 2;
    const std = Math.sqrt(ss / n) || 1;
    const t = new Float32Array(n);
    for (let i = 0; i < n; i++) t[i] = (y.values[i] - mean) / std;
    return { data: { rows: n, x: rowMajor(x), y: t }, loss: 'squared', outputs: 1, yMean: mean, yStd: std };
  }
  const k = y.classes.length;
  if (k < 2) throw inputError('SINGLE_CLASS_TARGET', `Estimator "${KEY}" needs at least two classes, but the target only has "${y.classes[0] ?? ''}".`, { estimator: KEY });
  const outputs = k === 2 ? 1 : k;
  const t = new Float32Array(n * outputs);
  for (let i = 0; i < n; i++) {
    if (k === 2) t[i] = y.codes[i];
    else t[i * k + y.codes[i]] = 1;
  }
  return { data: { rows: n, x: rowMajor(x), y: t, codes: y.codes }, loss: k === 2 ? 'sigmoid' : 'softmax', outputs, yMean: 0, yStd: 1 };
}

async function fit(x: Matrix, y: Target, params: MlpParams, ctx: FitContext) {
  const hidden = checkParams(params);
  const enc = encodeTarget(x, y);
  // Loaded on demand so that restore/predict never touch TensorFlow.js.
  const [{ loadBackend }, { trainNetwork }] = await Promise.all([import('./backend.js'), import('./train.js')]);
  const { tf, backend } = await loadBackend(ctx.logger);
  const arch: Architecture = { inputs: x.cols, hidden, outputs: enc.outputs, batchNorm: params.batch_norm, epsilon: BN_EPSILON };
  const res = await trainNetwork(tf, arch, enc.data, {
    loss: enc.loss, dropout: params.dropout, learningRate: params.learning_rate, batchSize: params.batch_size, maxEpochs: params.max_epochs,
    validationFraction: params.validation_fraction, patience: params.patience, tol: params.tol, alpha: params.alpha,
  }, ctx);
  ctx.logger.debug(`mlp: trained ${res.epochs} epochs (stopped by ${res.stoppedBy}), best ${res.monitored} loss ${res.bestLoss.toPrecision(4)} at epoch ${res.bestEpoch}`, {
    estimator: KEY, backend, epochs: res.epochs, bestEpoch: res.bestEpoch, bestLoss: res.bestLoss, stoppedBy: res.stoppedBy,
  });
  return mlpModel({ cols: x.cols, network: res.network, classes: y.kind === 'classification' ? [...y.classes] : null, yMean: enc.yMean, yStd: enc.yStd, hidden, batchNorm: params.batch_norm });
}

/**
 * Multilayer perceptron (ReLU hidden layers, optional batch norm and dropout, Adam, early stopping) trained with
 * TensorFlow.js; the fitted model predicts with a plain-JS forward pass, so restored models need no backend.
 */
export const mlp: EstimatorDefinition<MlpParams> = {
  kind: 'estimator',
  key: KEY,
  description: 'Multilayer perceptron (ReLU, Adam, early stopping) trained with TensorFlow.js; predicts in plain JS',
  tasks: ['binary', 'multiclass', 'regression'],
  capabilities: ['needs-scaling'],
  defaults: MLP_DEFAULTS,
  space: MLP_SPACE,
  // Portfolio: measured by tools/bench/portfolio.mjs (5-fold CV on 10 small datasets; see README).
  portfolio: [{ hidden_layers: '128-64', dropout: 0.2 }, { hidden_layers: '64', alpha: 0.001, batch_norm: true }],
  // Cost: first trial at full size × logistic's, median over the 60 s AutoML suite (tools/bench/costs.mjs).
  cost: 25,
  costScale: mlpCostScale,
  fit,
  restore: restoreMlp,
  toOnnx: mlpOnnx,
};
