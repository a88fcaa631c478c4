import { describe, expect, it } from 'vitest';
import { Rng, createMatrix, defaultContext, fitEstimator, type Matrix, type Params, type Target, type Task } from '@autopipe/core';
import { estimatorParity } from '@autopipe/onnx';
import { knn } from '../src/knn.js';

const ctx = defaultContext(4);

/** Rows on a coarse integer grid, so many distances tie exactly and some rows repeat. */
function grid(seed: number, n: number): { x: Matrix; score: Float64Array } {
  const rng = new Rng(seed);
  const x = new Float64Array(n * 3);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) x[j * n + i] = rng.int(4) - 1.5;
    score[i] = x[i] + 0.5 * x[n + i] - x[2 * n + i] + rng.normal() * 0.5;
  }
  return { x: createMatrix(n, ['a', 'b', 'c'], x), score };
}

const classify = (s: Float64Array, cuts: number[]): Target => ({
  kind: 'classification', classes: Array.from({ length: cuts.length + 1 }, (_, c) => `c${c}`), codes: Int32Array.from(s, (v) => cuts.filter((c) => v > c).length),
});

describe('knn ONNX export matches predict in onnxruntime (exact distances, same tie-breaking)', () => {
  const cases: [Task, Params][] = [];
  for (const algorithm of ['kd_tree', 'brute']) {
    for (const weights of ['uniform', 'distance']) {
      for (const p of [1, 2]) cases.push([['binary', 'multiclass', 'regression'][cases.length % 3] as Task, { algorithm, weights, p, n_neighbors: 7, leaf_size: 5 }]);
    }
  }
  for (const [task, params] of cases) {
    it(`${task}, ${params.algorithm}, ${params.weights}, p=${params.p}`, async () => {
      const train = grid(1, 80);
      const test = grid(2, 40); // grid points: exact matches with training rows and tied distances
      const y: Target = task === 'regression' ? { kind: 'regression', values: train.score } : classify(train.score, task === 'binary' ? [0] : [-1, 1]);
      const m = await fitEstimator(knn, train.x, y, params, ctx);
      expect((m.state() as { algorithm: string }).algorithm).toBe(params.algorithm);
      const classes = y.kind === 'classification' ? y.classes : undefined;
      for (const x of [test.x, train.x]) {
        const r = await estimatorParity(knn, m, x, { task, ...(classes ? { classes } : {}) });
        expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-12);
        expect(r.labelMismatches).toBe(0);
      }
    });
  }
});
