import { describe, expect, it } from 'vitest';
import { Rng } from '@autopipe/core';
import { selectBackend } from '../src/backend.js';
import { foldWeights, type Architecture } from '../src/fold.js';
import { forward, type Network } from '../src/network.js';
import { buildModel, readWeights } from '../src/tf-model.js';

describe('plain-JS forward pass', () => {
  it('computes relu(x·W1 + b1)·W2 + b2 by hand, reading column-major input and row-major kernels', () => {
    // 2 inputs → 2 hidden → 1 output. kernel[i * outputs + o].
    const net: Network = {
      layers: [
        { inputs: 2, outputs: 2, kernel: Float32Array.from([1, -1, 2, 0.5]), bias: Float32Array.from([0, 1]) },
        { inputs: 2, outputs: 1, kernel: Float32Array.from([3, -2]), bias: Float32Array.from([0.5]) },
      ],
    };
    // rows (1, 1) and (-1, 2), column-major
    const out = forward(net, Float64Array.from([1, -1, 1, 2]), 2);
    // row 1: h = relu([1+2, -1+0.5+1]) = [3, 0.5] → 9 - 1 + 0.5 = 8.5
    // row 2: h = relu([-1+4, 1+1+1]) = [3, 3] → 9 - 6 + 0.5 = 3.5
    expect(Array.from(out)).toEqual([8.5, 3.5]);
  });

  it('scores rows independently across block boundaries', () => {
    const rng = new Rng(3);
    const net: Network = { layers: [{ inputs: 3, outputs: 2, kernel: Float32Array.from({ length: 6 }, () => rng.normal()), bias: Float32Array.from([0.1, -0.2]) }] };
    const rows = 5000;
    const x = Float64Array.from({ length: rows * 3 }, () => rng.normal());
    const all = forward(net, x, rows);
    const i = 4500;
    const one = forward(net, Float64Array.from([x[i], x[rows + i], x[2 * rows + i]]), 1);
    expect([all[i], all[rows + i]]).toEqual(Array.from(one));
  });

  it('folds batch norm: foldWeights + forward equals TensorFlow.js model.predict within 1e-5', async () => {
    const { tf } = await selectBackend('wasm');
    const arch: Architecture = { inputs: 5, hidden: [7, 4], outputs: 3, batchNorm: true, epsilon: 1e-3 };
    const before = tf.memory().numTensors;
    const model = buildModel(tf, arch, { dropout: 0.3, seed: 9 });
    const rng = new Rng(4);
    const rand = (n: number, f: () => number) => tf.tensor1d(Float32Array.from({ length: n }, f));
    // Non-trivial batch-norm statistics, so the folding is really exercised.
    for (const layer of model.layers.filter((l) => l.getClassName() === 'BatchNormalization')) {
      const n = layer.getWeights()[0].shape[0];
      const w = [rand(n, () => 1 + rng.normal() * 0.3), rand(n, () => rng.normal()), rand(n, () => rng.normal()), rand(n, () => 0.2 + rng.next() * 2)];
      layer.setWeights(w);
      tf.dispose(w);
    }
    const rows = 50;
    const xr = Float32Array.from({ length: rows * arch.inputs }, () => rng.normal() * 2);
    const xt = tf.tensor2d(xr, [rows, arch.inputs]);
    const pt = model.predict(xt) as import('@tensorflow/tfjs').Tensor;
    const expected = pt.dataSync();
    tf.dispose([xt, pt]);
    const cm = new Float64Array(rows * arch.inputs);
    for (let i = 0; i < rows; i++) for (let j = 0; j < arch.inputs; j++) cm[j * rows + i] = xr[i * arch.inputs + j];
    const got = forward(foldWeights(arch, readWeights(model)), cm, rows);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    let worst = 0;
    for (let i = 0; i < rows; i++) for (let o = 0; o < arch.outputs; o++) worst = Math.max(worst, Math.abs(got[o * rows + i] - expected[i * arch.outputs + o]));
    expect(worst).toBeLessThan(1e-5);
    expect(Math.max(...Array.from(expected, Math.abs))).toBeGreaterThan(0.1); // not a trivially zero network
  });

  it('rejects a weight list that does not match the architecture', () => {
    const arch: Architecture = { inputs: 2, hidden: [], outputs: 1, batchNorm: false, epsilon: 1e-3 };
    expect(() => foldWeights(arch, [new Float32Array(3), new Float32Array(1)])).toThrow(/expected 2/);
  });
});
