import { describe, expect, it } from 'vitest';
import { Rng, createMatrix, fitEstimator, type Matrix, type Params, type RunContext, type Target, type Task } from '@autopipe/core';
import { estimatorParity } from '@autopipe/onnx';
import { mlp } from '../src/mlp.js';

const ctx: RunContext = { seed: 2, logger: { debug() {}, info() {}, warn() {} } };

/** 150 rows, 3 features; a nonlinear score cut into classes or used as the regression target. */
function data(seed: number): { x: Matrix; score: Float64Array } {
  const rng = new Rng(seed);
  const n = 150;
  const x = new Float64Array(n * 3);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) x[j * n + i] = rng.normal();
    score[i] = x[i] * x[n + i] + Math.sin(2 * x[2 * n + i]) + 0.1 * rng.normal();
  }
  return { x: createMatrix(n, ['a', 'b', 'c'], x), score };
}

const classify = (score: Float64Array, cuts: number[]): Target => ({
  kind: 'classification', classes: Array.from({ length: cuts.length + 1 }, (_, c) => `k${c}`), codes: Int32Array.from(score, (s) => cuts.filter((c) => s > c).length),
});

const quick: Params = { hidden_layers: '16-8', learning_rate: 0.01, batch_size: 32, max_epochs: 15, validation_fraction: 0 };

describe('mlp ONNX export matches predict in onnxruntime', () => {
  const cases: [string, Task, (s: Float64Array) => Target, Params, number][] = [
    ['binary', 'binary', (s) => classify(s, [0]), quick, 1e-9],
    ['multiclass with folded batch norm', 'multiclass', (s) => classify(s, [-0.5, 0.5]), { ...quick, batch_norm: true }, 1e-9],
    ['regression', 'regression', (s) => ({ kind: 'regression', values: s.map((v) => 50 + 10 * v) }), { ...quick, hidden_layers: '12' }, 1e-8],
  ];
  for (const [name, task, target, params, tol] of cases) {
    it(`${name}: within ${tol}, identical labels`, async () => {
      const { x, score } = data(name.length);
      const y = target(score);
      const m = await fitEstimator(mlp, x, y, params, ctx);
      const classes = y.kind === 'classification' ? y.classes : undefined;
      const r = await estimatorParity(mlp, m, x, { task, ...(classes ? { classes } : {}) });
      expect(r.maxAbsDiff).toBeLessThanOrEqual(tol);
      expect(r.labelMismatches).toBe(0);
      if (params.batch_norm) expect((m.state() as { batchNorm: boolean }).batchNorm).toBe(true);
    });
  }
});
