import { describe, expect, it } from 'vitest';
import { Rng, createMatrix, defaultContext, fitEstimator, type EstimatorDefinition, type Matrix, type Target } from '@autopipe/core';
import { estimatorParity } from '@autopipe/onnx';
import { elasticNet, lasso, logistic, ridge } from '../src/index.js';

const ctx = defaultContext(3);

/** 120 rows, 4 features on different scales; the target depends on the first three. */
function data(seed: number): { x: Matrix; score: Float64Array } {
  const rng = new Rng(seed);
  const n = 120;
  const cols = 4;
  const x = new Float64Array(n * cols);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols; j++) x[j * n + i] = rng.normal() * (j + 1) + j;
    score[i] = 1.5 * x[i] - 0.7 * x[n + i] + 0.3 * x[2 * n + i] + 0.5 * rng.normal();
  }
  return { x: createMatrix(n, ['a', 'b', 'c', 'd'], x), score };
}

function classes(score: Float64Array, cuts: number[], names: string[]): Target {
  const codes = Int32Array.from(score, (s) => cuts.filter((c) => s > c).length);
  return { kind: 'classification', classes: names, codes };
}

describe('estimator-linear ONNX export matches predict in onnxruntime', () => {
  it('logistic, binary: probabilities within 1e-12, identical labels', async () => {
    const { x, score } = data(1);
    const y = classes(score, [0.5], ['neg', 'pos']);
    const m = await fitEstimator(logistic, x, y, {}, ctx);
    const r = await estimatorParity(logistic, m, x, { task: 'binary', classes: ['neg', 'pos'] });
    expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-12);
    expect(r.labelMismatches).toBe(0);
  });

  it('logistic, multinomial (3 classes): probabilities within 1e-12, identical labels', async () => {
    const { x, score } = data(2);
    const y = classes(score, [-1, 2], ['lo', 'mid', 'hi']);
    const m = await fitEstimator(logistic, x, y, { C: 10 }, ctx);
    const r = await estimatorParity(logistic, m, x, { task: 'multiclass', classes: ['lo', 'mid', 'hi'] });
    expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-12);
    expect(r.labelMismatches).toBe(0);
    // the export is not trivially uniform: rows get confident, different classes
    expect(Math.max(...r.onnx)).toBeGreaterThan(0.9);
  });

  for (const def of [ridge, lasso, elasticNet] as EstimatorDefinition[]) {
    it(`${def.key}: values within 1e-10`, async () => {
      const { x, score } = data(3);
      const m = await fitEstimator(def, x, { kind: 'regression', values: score }, def.key === 'ridge' ? {} : { alpha: 0.05 }, ctx);
      const r = await estimatorParity(def, m, x, { task: 'regression' });
      expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-10);
      expect(r.onnx.length).toBe(x.rows);
    });
  }
});
