import { describe, expect, it, vi } from 'vitest';
import { createMatrix, decodeState, encodeState } from '@autopipe/core';

// Any load of TensorFlow.js in this file fails the test: restoring and predicting must not need a backend.
const loaded: string[] = [];
vi.mock('@tensorflow/tfjs', () => {
  loaded.push('@tensorflow/tfjs');
  throw new Error('restore/predict must not import @tensorflow/tfjs');
});
vi.mock('@tensorflow/tfjs-backend-wasm', () => {
  loaded.push('@tensorflow/tfjs-backend-wasm');
  throw new Error('restore/predict must not import @tensorflow/tfjs-backend-wasm');
});
vi.mock('@tensorflow/tfjs-node', () => {
  loaded.push('@tensorflow/tfjs-node');
  throw new Error('restore/predict must not import @tensorflow/tfjs-node');
});

describe('a restored mlp predicts without TensorFlow.js', () => {
  it('restores a saved state through the plugin entry point and predicts hand-computed probabilities', async () => {
    const { plugin, activeBackend } = await import('../src/index.js');
    const def = plugin.provides[0];
    // 2 inputs → 2 ReLU units → 1 logit; kernels row-major inputs × outputs.
    const state = {
      version: 1, cols: 2, hidden: [2], batchNorm: false, classes: ['no', 'yes'], yMean: 0, yStd: 1,
      kernels: [Float32Array.from([1, -1, 2, 0.5]), Float32Array.from([1, -2])],
      biases: [Float32Array.from([0, 1]), Float32Array.from([-1])],
    };
    const model = def.restore(decodeState(encodeState(state)));
    const p = model.predict(createMatrix(2, ['a', 'b'], Float64Array.from([1, -1, 1, 2])));
    // row 1: h = relu([3, 0.5]) → z = 3 - 1 - 1 = 1; row 2: h = relu([3, 3]) → z = 3 - 6 - 1 = -4
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    expect(p.kind).toBe('classification');
    if (p.kind !== 'classification') return;
    expect(p.proba[1]).toBeCloseTo(sig(1), 15);
    expect(p.proba[3]).toBeCloseTo(sig(-4), 15);
    expect(Array.from(p.labels)).toEqual([1, 0]);
    expect(activeBackend()).toBeUndefined();
    expect(loaded).toEqual([]);
  });

  it('would notice a TensorFlow.js import from the package (the mocks are live for src modules too)', async () => {
    const { selectBackend } = await import('../src/backend.js');
    await expect(selectBackend()).rejects.toThrow(/No TensorFlow.js backend could start/);
    expect([...new Set(loaded)].sort()).toEqual(['@tensorflow/tfjs', '@tensorflow/tfjs-node']);
  });
});
