import { Rng, deriveSeed } from '@autopipe/core';
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import type { TfModule } from './backend.js';
import type { Architecture } from './fold.js';

export interface ModelOptions {
  readonly dropout: number;
  readonly seed: number;
}

/**
 * Dropout whose masks come from a seeded stream. The stock `tf.layers.dropout({seed})` reuses one fixed seed, so
 * every batch would get the same mask; without a seed it uses Math.random. Here each training call draws a new
 * seed from an `Rng`, so masks differ per batch and the whole fit is reproducible.
 */
function seededDropout(tf: TfModule, rate: number, rng: Rng) {
  class SeededDropout extends tf.layers.Layer {
    static className = 'AutopipeSeededDropout';
    override call(inputs: Tensor | Tensor[], kwargs: { training?: boolean }): Tensor {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return kwargs.training ? tf.dropout(x, rate, undefined, rng.nextUint32()) : x;
    }
  }
  return new SeededDropout({});
}

/**
 * The trainable TensorFlow.js model: per hidden layer dense → [batch norm] → ReLU → [dropout], then a linear
 * output layer producing logits (or the standardized target). The L2 penalty is added by the training loop. Kernels are Glorot-uniform with seeds derived
 * from `seed`, biases zero.
 */
export function buildModel(tf: TfModule, arch: Architecture, opts: ModelOptions): LayersModel {
  const model = tf.sequential();
  const dropRng = new Rng(deriveSeed(opts.seed, 'dropout'));
  const dense = (units: number, l: number, first: boolean) =>
    tf.layers.dense({
      units,
      kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(opts.seed, 'kernel', l) }),
      biasInitializer: 'zeros',
      ...(first ? { inputShape: [arch.inputs] } : {}),
    });
  arch.hidden.forEach((width, l) => {
    model.add(dense(width, l, l === 0));
    if (arch.batchNorm) model.add(tf.layers.batchNormalization({ epsilon: arch.epsilon }));
    model.add(tf.layers.activation({ activation: 'relu' }));
    if (opts.dropout > 0) model.add(seededDropout(tf, opts.dropout, dropRng));
  });
  model.add(dense(arch.outputs, arch.hidden.length, arch.hidden.length === 0));
  return model;
}

/**
 * Every weight of the model, layer by layer (kernel, bias; gamma, beta, moving mean, moving variance), copied out
 * of the backend. Per layer on purpose: `model.getWeights()` lists all trainable weights before the batch-norm statistics.
 */
export function readWeights(model: LayersModel): Float32Array[] {
  return model.layers.flatMap((layer) => layer.getWeights().map((w) => Float32Array.from(w.dataSync() as Float32Array)));
}
