import { decodeState, encodeState, fitEstimator, type ClassTarget, type Matrix } from '@autopipe/core';
import { describe, expect, it } from 'vitest';
import { nearestCentroid, plugin } from '../src/index.js';

const ctx = { seed: 1, logger: { debug() {}, info() {}, warn() {} } };
// Column 0 separates the classes; column 1 is constant. Class a = rows 0..2 (0, 1, 5): mean 2, median 1.
// Class b = rows 3..5 (3, 3, 3): mean and median 3.
const x: Matrix = { rows: 6, cols: 2, names: ['u', 'v'], data: Float64Array.from([0, 1, 5, 3, 3, 3, 0, 0, 0, 0, 0, 0]) };
const y: ClassTarget = { kind: 'classification', classes: ['a', 'b'], codes: Int32Array.from([0, 0, 0, 1, 1, 1]) };
const probe: Matrix = { rows: 1, cols: 2, names: ['u', 'v'], data: Float64Array.from([2.2, 0]) };

function proba(p: ReturnType<Awaited<ReturnType<typeof fitEstimator>>['predict']>): number[] {
  if (p.kind !== 'classification') throw new Error('expected classes');
  return [...p.proba];
}

describe('nearest_centroid by hand', () => {
  it('euclidean: squared distance to the class mean, softmax at temperature 1', async () => {
    const m = await fitEstimator(nearestCentroid, x, y, {}, ctx);
    // d_a = (2.2 − 2)² = 0.04, d_b = (2.2 − 3)² = 0.64 → p_a = 1 / (1 + e^−0.6)
    const [pa, pb] = proba(m.predict(probe));
    expect(pa).toBeCloseTo(1 / (1 + Math.exp(-0.6)), 12);
    expect(pb).toBeCloseTo(1 - pa, 12);
  });

  it('manhattan: absolute distance to the class median flips the decision', async () => {
    const m = await fitEstimator(nearestCentroid, x, y, { metric: 'manhattan' }, ctx);
    // d_a = |2.2 − 1| = 1.2, d_b = |2.2 − 3| = 0.8 → p_b = 1 / (1 + e^−0.4)
    const p = m.predict(probe);
    expect(p.kind === 'classification' && p.labels[0]).toBe(1);
    expect(proba(p)[1]).toBeCloseTo(1 / (1 + Math.exp(-0.4)), 12);
  });

  it('temperature sharpens the probabilities without changing labels', async () => {
    const m = await fitEstimator(nearestCentroid, x, y, { temperature: 0.5 }, ctx);
    expect(proba(m.predict(probe))[0]).toBeCloseTo(1 / (1 + Math.exp(-1.2)), 12);
  });

  it('state round-trips and holds the centroids, not the training rows', async () => {
    const m = await fitEstimator(nearestCentroid, x, y, {}, ctx);
    const s = decodeState(encodeState(m.state())) as { centroids: Float64Array };
    expect([...s.centroids]).toEqual([2, 0, 3, 0]);
    expect(proba(nearestCentroid.restore(s).predict(probe))).toEqual(proba(m.predict(probe)));
  });

  it('rejects bad hyperparameter values with INVALID_PARAMS', async () => {
    await expect(fitEstimator(nearestCentroid, x, y, { metric: 'cosine' }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(fitEstimator(nearestCentroid, x, y, { temperature: 0 }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });

  it('the manifest names the package and the core range', () => {
    expect(plugin).toMatchObject({ name: '@autopipe/example-estimator-nearest-centroid', core: '^0.1.0' });
    expect(plugin.provides.map((p) => p.key)).toEqual(['nearest_centroid']);
  });
});
