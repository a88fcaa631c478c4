import type { DenseLayer, Network } from './network.js';

/** What the trained TensorFlow.js model looks like, enough to read its weight list. */
export interface Architecture {
  readonly inputs: number;
  readonly hidden: readonly number[];
  readonly outputs: number;
  readonly batchNorm: boolean;
  /** Batch-norm epsilon of the TensorFlow.js layer (Keras default 1e-3). */
  readonly epsilon: number;
}

/**
 * Builds the inference network from the model's weights in `model.getWeights()` order: per hidden layer
 * kernel, bias and, with batch norm, gamma, beta, moving mean, moving variance; then the output kernel and bias.
 * Batch norm in inference mode is affine, `s·(z − mean) + beta` with `s = gamma/√(var + eps)`, so it folds into
 * the dense layer before it: `W' = W·s`, `b' = (b − mean)·s + beta` (computed in float64, stored as float32).
 */
export function foldWeights(arch: Architecture, weights: readonly Float32Array[]): Network {
  const layers: DenseLayer[] = [];
  let at = 0;
  let inputs = arch.inputs;
  const take = (length: number): Float32Array => {
    const w = weights[at++];
    if (!w || w.length !== length) throw new Error(`MLP weight ${at - 1} has ${w?.length ?? 'no'} values, expected ${length}`);
    return w;
  };
  for (const width of arch.hidden) {
    const kernel = take(inputs * width).slice();
    const bias = take(width).slice();
    if (arch.batchNorm) {
      const gamma = take(width);
      const beta = take(width);
      const mean = take(width);
      const variance = take(width);
      for (let o = 0; o < width; o++) {
        const s = gamma[o] / Math.sqrt(variance[o] + arch.epsilon);
        for (let j = 0; j < inputs; j++) kernel[j * width + o] = kernel[j * width + o] * s;
        bias[o] = (bias[o] - mean[o]) * s + beta[o];
      }
    }
    layers.push({ inputs, outputs: width, kernel, bias });
    inputs = width;
  }
  layers.push({ inputs, outputs: arch.outputs, kernel: take(inputs * arch.outputs).slice(), bias: take(arch.outputs).slice() });
  if (at !== weights.length) throw new Error(`MLP model has ${weights.length} weights, expected ${at}`);
  return { layers };
}
