import { Rng, checkPace, deriveSeed, type RunContext, isExpired } from '@autopipe/core';
import type { LayersModel, Scalar, Tensor } from '@tensorflow/tfjs';
import type { TfModule } from './backend.js';
import { foldWeights, type Architecture } from './fold.js';
import type { Network } from './network.js';
import { validationSplit } from './split.js';
import { buildModel, readWeights } from './tf-model.js';

export type LossKind = 'sigmoid' | 'softmax' | 'squared';

/** Training data, row-major float32 as TensorFlow.js wants it. */
export interface TrainData {
  readonly rows: number;
  /** `rows × arch.inputs`. */
  readonly x: Float32Array;
  /** `rows × arch.outputs`: 0/1 for sigmoid, one-hot for softmax, the standardized target for squared. */
  readonly y: Float32Array;
  /** Class codes, to stratify the validation split. */
  readonly codes?: Int32Array;
}

export interface TrainOptions {
  readonly loss: LossKind;
  readonly dropout: number;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly maxEpochs: number;
  readonly validationFraction: number;
  readonly patience: number;
  readonly tol: number;
  readonly alpha: number;
}

export interface TrainResult {
  readonly network: Network;
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly bestLoss: number;
  readonly monitored: 'validation' | 'training';
  readonly stoppedBy: 'patience' | 'max_epochs' | 'signal' | 'diverged';
}

function lossFn(tf: TfModule, kind: LossKind) {
  // Losses on logits (not on probabilities) stay finite when the model is confident.
  if (kind === 'sigmoid') return (y: Tensor, z: Tensor) => tf.losses.sigmoidCrossEntropy(y, z);
  if (kind === 'softmax') return (y: Tensor, z: Tensor) => tf.losses.softmaxCrossEntropy(y, z);
  // scikit-learn's squared loss is half the mean squared error; keeping it makes `alpha` mean the same.
  return (y: Tensor, z: Tensor) => tf.mul(tf.losses.meanSquaredError(y, z), 0.5);
}

/** The kernels of the dense layers (the weights L2 applies to; not biases or batch-norm parameters). */
function denseKernels(model: LayersModel): Tensor[] {
  return model.layers.filter((l) => l.getClassName() === 'Dense').map((l) => l.trainableWeights[0].read());
}

function gatherRows(src: Float32Array, width: number, rows: Int32Array, from: number, to: number): Float32Array {
  const out = new Float32Array((to - from) * width);
  for (let k = from; k < to; k++) out.set(src.subarray(rows[k] * width, rows[k] * width + width), (k - from) * width);
  return out;
}

/**
 * Mini-batch Adam with batches shuffled by a seeded `Rng`, early stopping after `patience` epochs without an
 * improvement of more than `tol` in the monitored loss (validation when there is a validation part, else the
 * mean training loss), and the best epoch's weights restored. Every tensor it creates is disposed.
 */
export async function trainNetwork(tf: TfModule, arch: Architecture, data: TrainData, opts: TrainOptions, ctx: RunContext): Promise<TrainResult> {
  const rng = new Rng(deriveSeed(ctx.seed, 'mlp', 'batches'));
  let { train, valid } = validationSplit(data.rows, opts.validationFraction, new Rng(deriveSeed(ctx.seed, 'mlp', 'split')), data.codes);
  if (train.length < 2 || valid.length === 0) ({ train, valid } = validationSplit(data.rows, 0, rng));
  const batch = Math.min(opts.batchSize, train.length);
  const model = buildModel(tf, arch, { dropout: opts.dropout, seed: deriveSeed(ctx.seed, 'mlp', 'init') });
  const optimizer = tf.train.adam(opts.learningRate);
  const loss = lossFn(tf, opts.loss);
  // scikit-learn's penalty: alpha/2 · Σ||W||² divided by the batch size, added to the batch's mean loss.
  const l2 = opts.alpha / (2 * batch);
  const kernels = denseKernels(model);
  const { inputs, outputs } = arch;
  const monitorTraining = valid.length === 0;
  let xValid: Tensor | undefined;
  let yValid: Tensor | undefined;
  try {
    if (valid.length > 0) {
      xValid = tf.tensor2d(gatherRows(data.x, inputs, valid, 0, valid.length), [valid.length, inputs]);
      yValid = tf.tensor2d(gatherRows(data.y, outputs, valid, 0, valid.length), [valid.length, outputs]);
    }
    let best = Infinity;
    let bestEpoch = 0;
    let bestWeights = readWeights(model);
    let stale = 0;
    let epoch = 0;
    let stoppedBy: TrainResult['stoppedBy'] = 'max_epochs';
    // The pace is timed from the second epoch: the first also pays for compiling the backend's kernels.
    let paceFrom = 0;
    while (epoch < opts.maxEpochs) {
      if (epoch === 1) paceFrom = Date.now();
      if (isExpired(ctx)) {
        stoppedBy = 'signal';
        break;
      }
      epoch++;
      rng.shuffle(train);
      let sum = 0;
      for (let from = 0; from < train.length; from += batch) {
        const to = Math.min(from + batch, train.length);
        const xb = tf.tensor2d(gatherRows(data.x, inputs, train, from, to), [to - from, inputs]);
        const yb = tf.tensor2d(gatherRows(data.y, outputs, train, from, to), [to - from, outputs]);
        // A hand-written step rather than `model.trainOnBatch`: about 3× less overhead per batch on small networks.
        try {
          const cost = optimizer.minimize(() => {
            const fitLoss = loss(yb, model.apply(xb, { training: true }) as Tensor);
            return (l2 > 0 ? tf.add(fitLoss, tf.mul(tf.addN(kernels.map((k) => tf.sum(tf.square(k)))), l2)) : fitLoss) as Scalar;
          }, monitorTraining);
          if (cost) {
            sum += cost.dataSync()[0] * (to - from);
            cost.dispose();
          }
        } finally {
          xb.dispose();
          yb.dispose();
        }
      }
      const monitored = xValid && yValid
        ? tf.tidy(() => loss(yValid!, model.predict(xValid!) as Tensor).dataSync()[0])
        : sum / train.length;
      if (!Number.isFinite(monitored)) {
        ctx.logger.warn('mlp: the loss diverged; keeping the best weights so far (lower learning_rate)', { epoch, loss: monitored });
        stoppedBy = 'diverged';
        break;
      }
      if (monitored < best - opts.tol) {
        best = monitored;
        bestEpoch = epoch;
        bestWeights = readWeights(model);
        stale = 0;
      } else if (++stale >= opts.patience) {
        stoppedBy = 'patience';
        break;
      }
      // Early stopping makes max_epochs an upper bound, but not a lower one: training goes on for at least the epochs
      // patience still allows (fewer only at max_epochs). When even those cannot finish in time, stop now.
      if (epoch >= 2) checkPace(ctx, paceFrom, epoch - 1, epoch - 1 + Math.min(opts.maxEpochs - epoch, opts.patience - stale));
    }
    return { network: foldWeights(arch, bestWeights), epochs: epoch, bestEpoch, bestLoss: best, monitored: xValid ? 'validation' : 'training', stoppedBy };
  } finally {
    xValid?.dispose();
    yValid?.dispose();
    model.dispose();
    optimizer.dispose();
  }
}
