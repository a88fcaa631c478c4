import { describe, expect, it } from 'vitest';
import { AutopipeError, createMatrix, decodeState, defaultContext, encodeState, fitEstimator, type Prediction, type Target } from '@autopipe/core';
import { chooseAlgorithm, knn } from '../src/knn.js';
import { classes, fitKnn, matrix, values } from './helpers.js';

// Same tiny dataset as neighbors.test.ts: from (0, 0), Euclidean order is rows 1, 0, 3, 2, 4 and
// Manhattan order is rows 0, 1, 3, 2, 4.
const X = matrix([[2, 0], [1.2, 1.2], [-3, 0], [0, -2.5], [4, 4]]);
const LABELS = classes([0, 1, 0, 1, 0], ['a', 'b']);
const TARGETS = values([10, 20, 30, 40, 50]);
const ORIGIN = matrix([[0, 0]]);

function proba(p: Prediction): number[] {
  if (p.kind !== 'classification') throw new Error('expected classes');
  return Array.from(p.proba);
}
function value(p: Prediction): number {
  if (p.kind !== 'regression') throw new Error('expected values');
  return p.values[0];
}

describe('knn predictions by hand', () => {
  for (const algorithm of ['kd_tree', 'brute']) {
    const base = { algorithm, leaf_size: 1 };
    it(`k = 1 follows the metric: Euclidean says b, Manhattan says a (${algorithm})`, async () => {
      expect(proba((await fitKnn(X, LABELS, { ...base, n_neighbors: 1, p: 2 })).predict(ORIGIN))).toEqual([0, 1]);
      expect(proba((await fitKnn(X, LABELS, { ...base, n_neighbors: 1, p: 1 })).predict(ORIGIN))).toEqual([1, 0]);
    });

    it(`uniform votes and means over k = 4 (${algorithm})`, async () => {
      // Rows 1, 0, 3, 2: classes b, a, b, a; targets 20, 10, 40, 30.
      expect(proba((await fitKnn(X, LABELS, { ...base, n_neighbors: 4 })).predict(ORIGIN))).toEqual([0.5, 0.5]);
      expect(value((await fitKnn(X, TARGETS, { ...base, n_neighbors: 4 })).predict(ORIGIN))).toBe(25);
    });

    it(`distance weights are 1/d (${algorithm})`, async () => {
      const d = [Math.sqrt(2.88), 2, 2.5];
      const w = d.map((v) => 1 / v);
      const total = w[0] + w[1] + w[2];
      const params = { ...base, n_neighbors: 3, weights: 'distance', p: 2 };
      const pa = proba((await fitKnn(X, LABELS, params)).predict(ORIGIN));
      expect(pa[0]).toBeCloseTo(w[1] / total, 14);
      expect(pa[1]).toBeCloseTo((w[0] + w[2]) / total, 14);
      const v = value((await fitKnn(X, TARGETS, params)).predict(ORIGIN));
      expect(v).toBeCloseTo((20 * w[0] + 10 * w[1] + 40 * w[2]) / total, 12);
      // Manhattan: rows 0, 1, 3 at distances 2, 2.4, 2.5.
      const m = [1 / 2, 1 / 2.4, 1 / 2.5];
      const vm = value((await fitKnn(X, TARGETS, { ...params, p: 1 })).predict(ORIGIN));
      expect(vm).toBeCloseTo((10 * m[0] + 20 * m[1] + 40 * m[2]) / (m[0] + m[1] + m[2]), 12);
    });

    it(`an exact match takes all the distance weight; several share it (${algorithm})`, async () => {
      const params = { ...base, n_neighbors: 5, weights: 'distance' };
      expect(proba((await fitKnn(X, LABELS, params)).predict(matrix([[0, -2.5]])))).toEqual([0, 1]);
      expect(value((await fitKnn(X, TARGETS, params)).predict(matrix([[0, -2.5]])))).toBe(40);
      const dup = matrix([[1, 1], [1, 1], [0, 0], [5, 5]]);
      expect(proba((await fitKnn(dup, classes([0, 1, 1, 1], ['a', 'b']), params)).predict(matrix([[1, 1]])))).toEqual([0.5, 0.5]);
      expect(value((await fitKnn(dup, values([2, 4, 100, 100]), params)).predict(matrix([[1, 1]])))).toBe(3);
    });

    it(`n_neighbors above the training rows is clamped to all rows (${algorithm})`, async () => {
      const m = await fitKnn(X, TARGETS, { ...base, n_neighbors: 50 });
      expect(value(m.predict(ORIGIN))).toBe(30);
      expect(proba((await fitKnn(X, LABELS, { ...base, n_neighbors: 50 })).predict(ORIGIN))).toEqual([0.6, 0.4]);
      expect((m.state() as { k: number }).k).toBe(5);
    });
  }
});

describe('knn fitting', () => {
  it('auto picks a KD-tree for few columns and brute force for many columns or a large k', () => {
    expect(chooseAlgorithm('auto', 1000, 8, 5)).toBe('kd_tree');
    expect(chooseAlgorithm('auto', 1000, 16, 5)).toBe('brute');
    expect(chooseAlgorithm('auto', 40, 3, 25)).toBe('brute');
    expect(chooseAlgorithm('brute', 1000, 2, 5)).toBe('brute');
    expect(chooseAlgorithm('kd_tree', 1000, 50, 5)).toBe('kd_tree');
  });

  it('restores both index kinds from encoded state with identical predictions', async () => {
    for (const algorithm of ['kd_tree', 'brute']) {
      const m = await fitKnn(X, TARGETS, { algorithm, leaf_size: 1, n_neighbors: 2, weights: 'distance' });
      const state = m.state() as { algorithm: string };
      expect(state.algorithm).toBe(algorithm);
      const q = matrix([[0, 0], [1, 1], [3, -1]]);
      const restored = knn.restore(decodeState(encodeState(m.state())));
      expect(value(restored.predict(q))).toBe(value(m.predict(q)));
      expect(restored.predict(q)).toEqual(m.predict(q));
    }
  });

  it('keeps no reference to the training input', async () => {
    const x = matrix([[0], [1], [2]]);
    const m = await fitKnn(x, values([0, 1, 2]), { n_neighbors: 1, algorithm: 'brute' });
    x.data.fill(100);
    expect(value(m.predict(matrix([[0.1]])))).toBe(0);
  });

  it('rejects damaged state with MODEL_INCOMPATIBLE', async () => {
    const m = await fitKnn(X, TARGETS, { n_neighbors: 2 });
    const s = { ...(m.state() as Record<string, unknown>), k: 99 };
    expect(() => knn.restore(s as never)).toThrow(/"k"/);
  });

  it('rejects invalid hyperparameters with INVALID_PARAMS', async () => {
    const bad = [{ n_neighbors: 0 }, { n_neighbors: 2.5 }, { weights: 'gaussian' }, { p: 3 }, { algorithm: 'ball_tree' }, { leaf_size: 0 }];
    for (const params of bad) {
      const err = await fitEstimator(knn, X, TARGETS, params, defaultContext(1)).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AutopipeError);
      expect((err as AutopipeError).code).toBe('INVALID_PARAMS');
    }
  });

  it('rejects prediction on another number of columns with SCHEMA_MISMATCH', async () => {
    const m = await fitKnn(X, TARGETS, {});
    expect(() => m.predict(matrix([[1, 2, 3]]))).toThrow(expect.objectContaining({ code: 'SCHEMA_MISMATCH' }));
  });
});

describe('prior smoothing (default 1 pseudo-neighbour)', () => {
  it('mixes the class prior into the votes: (k·p + m·prior) / (k + m), labels unchanged', async () => {
    // Four training points, two per class; k = 1: raw votes are 0/1, smoothed (1·v + 1·0.5) / 2.
    const x = createMatrix(4, ['a'], Float64Array.from([0, 1, 10, 11]));
    const y: Target = { kind: 'classification', classes: ['p', 'q'], codes: Int32Array.from([0, 0, 1, 1]) };
    const m = await fitEstimator(knn, x, y, { n_neighbors: 1 }, defaultContext(1));
    const pred = m.predict(createMatrix(2, ['a'], Float64Array.from([0.2, 10.4])));
    if (pred.kind !== 'classification') throw new Error('kind');
    expect(Array.from(pred.proba)).toEqual([0.75, 0.25, 0.25, 0.75]);
    expect(Array.from(pred.labels)).toEqual([0, 1]);
  });
});
