import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AutopipeError, Rng, createMatrix, decodeState, encodeState, fitEstimator,
  type Matrix, type Params, type Prediction, type RunContext, type Target,
} from '@autopipe/core';
import { loadBackend } from '../src/backend.js';
import { mlp } from '../src/mlp.js';

const debugLog = () => {
  const fields: Record<string, unknown>[] = [];
  const ctx: RunContext = { seed: 1, logger: { info() {}, warn() {}, debug: (_m: string, f?: Record<string, unknown>) => void fields.push(f ?? {}) } };
  return { ctx, fields };
};
const ctx = (seed = 1): RunContext => ({ seed, logger: { debug() {}, info() {}, warn() {} } });
const matrix = (rows: number, cols: number, f: (i: number, j: number) => number): Matrix =>
  createMatrix(rows, Array.from({ length: cols }, (_, j) => `x${j}`), Float64Array.from({ length: rows * cols }, (_, k) => f(k % rows, Math.floor(k / rows))));
const accuracy = (p: Prediction, codes: Int32Array) => {
  if (p.kind !== 'classification') throw new Error('expected classes');
  return Array.from(p.labels).filter((l, i) => l === codes[i]).length / codes.length;
};
const numbers = (p: Prediction) => Array.from(p.kind === 'classification' ? p.proba : p.values);

/** XOR of the signs of two noisy coordinates: not linearly separable. */
function xor(rows: number): { x: Matrix; y: Target; codes: Int32Array } {
  const rng = new Rng(11);
  const corner = Array.from({ length: rows }, () => [rng.int(2), rng.int(2)]);
  const x = matrix(rows, 2, (i, j) => (corner[i][j] ? 1 : -1) + rng.normal() * 0.1);
  const codes = Int32Array.from(corner, ([a, b]) => a ^ b);
  return { x, y: { kind: 'classification', classes: ['0', '1'], codes }, codes };
}

describe('mlp', () => {
  it('learns XOR with a hidden layer, which a network without one cannot', async () => {
    const { x, y, codes } = xor(200);
    const p: Params = { hidden_layers: '8', learning_rate: 0.02, batch_size: 20, max_epochs: 100, validation_fraction: 0 };
    const deep = await fitEstimator(mlp, x, y, p, ctx());
    expect(accuracy(deep.predict(x), codes)).toBe(1);
    const linear = await fitEstimator(mlp, x, y, { ...p, hidden_layers: '' }, ctx());
    expect(accuracy(linear.predict(x), codes)).toBeLessThan(0.8);
  });

  it('stops early on pure noise and keeps the best epoch', async () => {
    const rng = new Rng(2);
    const x = matrix(300, 5, () => rng.normal());
    const y: Target = { kind: 'classification', classes: ['a', 'b'], codes: Int32Array.from({ length: 300 }, () => rng.int(2)) };
    const { ctx: c, fields } = debugLog();
    await fitEstimator(mlp, x, y, { hidden_layers: '32', learning_rate: 0.01, batch_size: 32, max_epochs: 200, patience: 5, validation_fraction: 0.2 }, c);
    const f = fields.find((d) => d.estimator === 'mlp')!;
    expect(f.stoppedBy).toBe('patience');
    expect(f.epochs as number).toBeLessThan(60);
    expect(f.epochs).toBe((f.bestEpoch as number) + 5);
  });

  it('undoes the target standardization for regression', async () => {
    const x = matrix(200, 1, (i) => i / 100 - 1);
    const y: Target = { kind: 'regression', values: Float64Array.from({ length: 200 }, (_, i) => 1000 + 50 * (i / 100 - 1)) };
    const m = await fitEstimator(mlp, x, y, { hidden_layers: '8', learning_rate: 0.01, batch_size: 20, max_epochs: 100 }, ctx());
    const p = m.predict(matrix(3, 1, (i) => [-0.5, 0, 0.5][i]));
    if (p.kind !== 'regression') throw new Error('expected values');
    expect(Array.from(p.values).map((v) => Math.round(v / 5) * 5)).toEqual([975, 1000, 1025]);
  });

  it('is reproducible with dropout and batch norm for one seed, and depends on the seed', async () => {
    const { x, y } = xor(120);
    const p: Params = { hidden_layers: '16-8', dropout: 0.3, batch_norm: true, batch_size: 16, max_epochs: 15 };
    const a = numbers((await fitEstimator(mlp, x, y, p, ctx(5))).predict(x));
    const b = numbers((await fitEstimator(mlp, x, y, p, ctx(5))).predict(x));
    const c = numbers((await fitEstimator(mlp, x, y, p, ctx(6))).predict(x));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('leaks no tensors across fits', async () => {
    const { tf } = await loadBackend(ctx().logger);
    const { x, y } = xor(100);
    const p: Params = { hidden_layers: '8-4', dropout: 0.2, batch_norm: true, batch_size: 16, max_epochs: 5, alpha: 1e-3 };
    await fitEstimator(mlp, x, y, p, ctx());
    const before = tf.memory().numTensors;
    for (let s = 0; s < 3; s++) await fitEstimator(mlp, x, y, p, ctx(s));
    await fitEstimator(mlp, x, { kind: 'regression', values: Float64Array.from({ length: 100 }, (_, i) => i) }, p, ctx());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops at once when the budget signal is already aborted, still returning a model', async () => {
    const { x, y } = xor(100);
    const { ctx: c, fields } = debugLog();
    const m = await fitEstimator(mlp, x, y, { hidden_layers: '4' }, { ...c, signal: AbortSignal.abort() });
    expect(fields.find((d) => d.estimator === 'mlp')?.stoppedBy).toBe('signal');
    expect(m.predict(x).kind).toBe('classification');
  });

  describe('with a time it is needed by (finishBy)', () => {
    afterEach(() => vi.restoreAllMocks());
    const rng = new Rng(2);
    const x = matrix(300, 5, () => rng.normal());
    const y: Target = { kind: 'classification', classes: ['a', 'b'], codes: Int32Array.from({ length: 300 }, () => rng.int(2)) };
    const p: Params = { hidden_layers: '32', learning_rate: 0.01, batch_size: 32, max_epochs: 200, patience: 5, validation_fraction: 0.2 };

    it('projects its pace over the epochs patience still allows, not max_epochs: it stops when those cannot fit, and finishes when they can', async () => {
      // A clock that moves 10 ms each time it is read: every epoch takes about 10 ms, deterministically.
      let now = 1_000_000;
      vi.spyOn(Date, 'now').mockImplementation(() => (now += 10));
      // This noise stops by patience within 60 epochs (~0.6 s here), where 200 epochs would take ~2 s.
      const { ctx: c, fields } = debugLog();
      await fitEstimator(mlp, x, y, p, { ...c, finishBy: now + 1_000 });
      expect(fields.find((d) => d.estimator === 'mlp')?.stoppedBy).toBe('patience');
      // Needed in 30 ms: the two epochs done and the five patience allows cannot make it.
      await expect(fitEstimator(mlp, x, y, p, { ...ctx(), finishBy: now + 30 })).rejects.toMatchObject({ code: 'TOO_SLOW', message: expect.stringMatching(/after 1 of [56] steps/) });
    });
  });

  it('rejects bad hyperparameters and wrong column counts with clear errors', async () => {
    const { x, y } = xor(40);
    for (const bad of [{ hidden_layers: '64-x' }, { hidden_layers: '0' }, { dropout: 1 }, { batch_size: 0 }, { validation_fraction: 1 }]) {
      const err = await fitEstimator(mlp, x, y, bad, ctx()).catch((e: unknown) => e);
      expect((err as AutopipeError).code).toBe('INVALID_PARAMS');
    }
    const m = await fitEstimator(mlp, x, y, { hidden_layers: '4', max_epochs: 2 }, ctx());
    expect(() => m.predict(matrix(2, 3, () => 0))).toThrow(/fitted on 2 columns but got 3/);
  });

  it('refuses a damaged saved state', async () => {
    const { x, y } = xor(40);
    const state = (await fitEstimator(mlp, x, y, { hidden_layers: '4', max_epochs: 2 }, ctx())).state() as Record<string, unknown>;
    const cut = { ...state, kernels: (state.kernels as Float32Array[]).slice(1) };
    expect(() => mlp.restore(decodeState(encodeState(cut)))).toThrow(/"kernels"/);
    expect(() => mlp.restore({ ...state, version: 99 })).toThrow(/state version 99/);
  });
});
