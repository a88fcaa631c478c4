import { inputError, type SearchSpace } from '@autopipe/core';

/** Hyperparameters of `mlp`, named after scikit-learn's `MLPClassifier`/`MLPRegressor` where they exist there. */
export type MlpParams = {
  /** Hidden layer widths joined by '-', e.g. '128-64'; '' means no hidden layer (a linear model). */
  readonly hidden_layers: string;
  /** Batch normalization after each hidden dense layer, before the ReLU. */
  readonly batch_norm: boolean;
  /** Dropout rate after each hidden layer, in [0, 1). */
  readonly dropout: number;
  /** Adam step size. */
  readonly learning_rate: number;
  /** Rows per mini-batch, clipped to the training rows; the default 200 is scikit-learn's 'auto' = min(200, n). */
  readonly batch_size: number;
  readonly max_epochs: number;
  /** Share of rows held out (stratified for classes) to decide early stopping; 0 monitors the training loss. */
  readonly validation_fraction: number;
  /** Epochs without an improvement of more than `tol` before training stops. */
  readonly patience: number;
  readonly tol: number;
  /** L2 penalty on the kernels, scaled like scikit-learn's: alpha/2 · ||W||² / batch size per batch. */
  readonly alpha: number;
};

export const KEY = 'mlp';

export const MLP_DEFAULTS: MlpParams = {
  hidden_layers: '100',
  batch_norm: false,
  dropout: 0,
  learning_rate: 1e-3,
  batch_size: 200,
  max_epochs: 200,
  validation_fraction: 0.1,
  patience: 10,
  tol: 1e-4,
  alpha: 1e-4,
};

export const MLP_SPACE: SearchSpace = {
  hidden_layers: { kind: 'categorical', choices: ['64', '128', '64-32', '128-64', '256-128'] },
  learning_rate: { kind: 'float', low: 1e-4, high: 1e-2, log: true },
  alpha: { kind: 'float', low: 1e-6, high: 1e-2, log: true },
  dropout: { kind: 'float', low: 0, high: 0.5 },
  batch_norm: { kind: 'categorical', choices: [false, true] },
};

function bad(param: string, want: string, got: unknown): never {
  throw inputError('INVALID_PARAMS', `Estimator "${KEY}": hyperparameter "${param}" must be ${want}, got ${JSON.stringify(got)}.`, { owner: KEY, param });
}

/** Parses '128-64' into [128, 64]; '' gives no hidden layer. */
export function parseHiddenLayers(spec: string): number[] {
  const text = spec.trim();
  if (text === '') return [];
  const widths = text.split('-').map((s) => Number(s.trim()));
  if (!widths.every((w) => Number.isInteger(w) && w >= 1)) bad('hidden_layers', "positive layer widths joined by '-' (e.g. '128-64')", spec);
  return widths;
}

/** Checks ranges the type check of `resolveParams` cannot see. */
export function checkParams(p: MlpParams): number[] {
  const hidden = parseHiddenLayers(p.hidden_layers);
  if (!(p.dropout >= 0 && p.dropout < 1)) bad('dropout', 'in [0, 1) (e.g. 0.2)', p.dropout);
  if (!(p.learning_rate > 0)) bad('learning_rate', 'a positive number (e.g. 0.001)', p.learning_rate);
  if (!(Number.isInteger(p.batch_size) && p.batch_size >= 1)) bad('batch_size', 'a positive integer (e.g. 200)', p.batch_size);
  if (!(Number.isInteger(p.max_epochs) && p.max_epochs >= 1)) bad('max_epochs', 'a positive integer', p.max_epochs);
  if (!(p.validation_fraction >= 0 && p.validation_fraction < 1)) bad('validation_fraction', 'in [0, 1) (e.g. 0.1)', p.validation_fraction);
  if (!(Number.isInteger(p.patience) && p.patience >= 1)) bad('patience', 'a positive integer', p.patience);
  if (!(p.tol >= 0)) bad('tol', 'a non-negative number', p.tol);
  if (!(p.alpha >= 0)) bad('alpha', 'a non-negative number', p.alpha);
  return hidden;
}

/**
 * Relative work of one fit (for `costScale`): epochs × (per-layer overhead + weights), batch norm half as much again.
 * Small tabular networks are overhead-bound (a TensorFlow.js op per layer per step), so weights count at 1/5,000
 * of a layer; with it a 256-128 network with batch norm costs about 4.5× a 64-wide one on a 4-feature dataset, as
 * measured (35.7 s vs 8.1 s on blood-transfusion).
 */
function work(p: MlpParams, features: number): number {
  const widths = [Math.max(1, features), ...parseHiddenLayers(p.hidden_layers), 1];
  let weights = 0;
  for (let i = 1; i < widths.length; i++) weights += widths[i - 1] * widths[i];
  return p.max_epochs * (widths.length - 1 + weights / 5000) * (p.batch_norm ? 1.5 : 1) * Math.sqrt(200 / p.batch_size);
}

export function mlpCostScale(p: MlpParams, shape: { readonly features: number }): number {
  return work(p, shape.features) / work(MLP_DEFAULTS, shape.features);
}
