import { describe, expect, it } from 'vitest';
import { Rng, createMatrix, defaultContext, fitEstimator, type ClassTarget, type EstimatorDefinition, type Matrix } from '@autopipe/core';
import { estimatorParity } from '@autopipe/onnx';
import { gaussianNb, multinomialNb } from '../src/index.js';

const ctx = defaultContext(5);

/** `n` rows of 3 features whose class means differ; counts (non-negative integers) when `counts`. */
function data(seed: number, n: number, k: number, counts: boolean): { x: Matrix; y: ClassTarget } {
  const rng = new Rng(seed);
  const cols = 3;
  const x = new Float64Array(n * cols);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    codes[i] = c;
    for (let j = 0; j < cols; j++) {
      const v = (c + 1) * (j + 1) + rng.normal() * 2;
      x[j * n + i] = counts ? Math.max(0, Math.round(v)) : v * 100 + 1000 * j;
    }
  }
  const classes = Array.from({ length: k }, (_, c) => `c${c}`);
  return { x: createMatrix(n, ['a', 'b', 'c'], x), y: { kind: 'classification', classes, codes } };
}

describe('estimator-naive-bayes ONNX export matches predict in onnxruntime', () => {
  const cases: [EstimatorDefinition, boolean][] = [[gaussianNb, false], [multinomialNb, true]];
  for (const [def, counts] of cases) {
    for (const calibration of ['sigmoid', 'none']) {
      for (const k of [2, 3]) {
        it(`${def.key}, ${k} classes, calibration ${calibration}: probabilities within 1e-9, identical labels`, async () => {
          // 90 rows: above calibration's 50-row minimum, so "sigmoid" really calibrates
          const { x, y } = data(k * 7 + (counts ? 1 : 0), 90, k, counts);
          const m = await fitEstimator(def, x, y, { calibration }, ctx);
          const cal = (m.state() as { calibration: { scale: number } }).calibration;
          if (calibration === 'sigmoid') expect(cal.scale).not.toBe(1);
          const r = await estimatorParity(def, m, x, { task: k === 2 ? 'binary' : 'multiclass', classes: y.classes });
          expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-9);
          expect(r.labelMismatches).toBe(0);
        });
      }
    }
  }
});
