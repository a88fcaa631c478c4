import { describe, expect, it } from 'vitest';
import { classPrediction, type EstimatorDefinition, type MetricDefinition, type Target } from '@autopipe/core';
import { blendPredictions, caruanaSelection, stackFeatures, stackingSelection, trimSelection, withFamilyBests } from '../src/index.js';

const mse: MetricDefinition = {
  kind: 'metric', key: 'mse', description: '', direction: 'min', tasks: ['regression'], needs: 'value',
  score: (y, p) => {
    if (y.kind !== 'regression' || p.kind !== 'regression') throw new Error('kind');
    let s = 0;
    for (let i = 0; i < y.values.length; i++) s += (y.values[i] - p.values[i]) ** 2;
    return s / y.values.length;
  },
};

const y: Target = { kind: 'regression', values: Float64Array.from([0, 0, 0, 0]) };
const pred = (v: number[]) => ({ kind: 'regression' as const, values: Float64Array.from(v) });

describe('caruanaSelection', () => {
  it('blends two models whose errors cancel, with equal weights, and scores the blend', () => {
    const lib = [
      { trial: 1, loss: 1, prediction: pred([1, -1, 1, -1]) },
      { trial: 2, loss: 1, prediction: pred([-1, 1, -1, 1]) },
      { trial: 3, loss: 4, prediction: pred([2, 2, 2, 2]) },
    ];
    const sel = caruanaSelection(lib, y, mse);
    expect(sel.members).toEqual([{ trial: 1, weight: 0.5 }, { trial: 2, weight: 0.5 }]);
    expect(sel.score).toBe(0);
  });

  it('keeps the single best model when no blend improves on it', () => {
    const lib = [
      { trial: 7, loss: 0.25, prediction: pred([0.5, 0.5, -0.5, -0.5]) },
      { trial: 8, loss: 4, prediction: pred([2, 2, -2, -2]) },
    ];
    const sel = caruanaSelection(lib, y, mse);
    expect(sel.members).toEqual([{ trial: 7, weight: 1 }]);
    expect(sel.score).toBe(0.25);
  });

  it('blended class probabilities stay normalized and labels follow the blend', () => {
    const a = classPrediction(['a', 'b'], Float64Array.from([0.9, 0.1, 0.2, 0.8]));
    const b = classPrediction(['a', 'b'], Float64Array.from([0.3, 0.7, 0.4, 0.6]));
    const m = blendPredictions([a, b], [0.25, 0.75]);
    if (m.kind !== 'classification') throw new Error('kind');
    expect(Array.from(m.proba)).toEqual([0.9 * 0.25 + 0.3 * 0.75, 0.1 * 0.25 + 0.7 * 0.75, 0.2 * 0.25 + 0.4 * 0.75, 0.8 * 0.25 + 0.6 * 0.75]);
    expect(Array.from(m.labels)).toEqual([1, 1]);
  });
});

describe('stacking', () => {
  it('level-one features: P(positive) per member for binary, every class for multiclass, values for regression', () => {
    const a = classPrediction(['n', 'y'], Float64Array.from([0.9, 0.1, 0.2, 0.8]));
    const b = classPrediction(['n', 'y'], Float64Array.from([0.6, 0.4, 0.3, 0.7]));
    const z = stackFeatures([a, b]);
    expect(z.names).toEqual(['m0_y', 'm1_y']);
    expect(Array.from(z.data)).toEqual([0.1, 0.8, 0.4, 0.7]);
    const m = classPrediction(['a', 'b', 'c'], Float64Array.from([0.2, 0.3, 0.5]));
    expect(stackFeatures([m]).names).toEqual(['m0_a', 'm0_b', 'm0_c']);
    expect(Array.from(stackFeatures([pred([1, 2]), pred([3, 4])]).data)).toEqual([1, 2, 3, 4]);
  });

  it('a linear meta-learner recovers the right combination and is scored out-of-fold', async () => {
    // Member A predicts y + noise_a, member B predicts y + noise_b with noise_b = -noise_a: the mean is exact.
    const n = 200;
    const yv = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 10);
    const noise = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 13) - 6);
    const target: Target = { kind: 'regression', values: yv };
    const lib = [
      { trial: 1, loss: 10, prediction: pred(Array.from(yv, (v, i) => v + noise[i])) },
      { trial: 2, loss: 10, prediction: pred(Array.from(yv, (v, i) => v - noise[i])) },
    ];
    const ls: EstimatorDefinition = {
      kind: 'estimator', key: 'ls', description: 'least squares on two columns, no intercept', tasks: ['regression'], capabilities: [], defaults: {}, space: {},
      fit(x, y) {
        if (y.kind !== 'regression') throw new Error('kind');
        const n2 = x.rows;
        let a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
        for (let i = 0; i < n2; i++) {
          const u = x.data[i], v = x.data[n2 + i];
          a11 += u * u; a12 += u * v; a22 += v * v; b1 += u * y.values[i]; b2 += v * y.values[i];
        }
        const det = a11 * a22 - a12 * a12;
        return ls.restore({ w: [(b1 * a22 - b2 * a12) / det, (a11 * b2 - a12 * b1) / det] });
      },
      restore(s) {
        const w = (s as { w: number[] }).w;
        return { estimator: 'ls', state: () => s, predict: (x) => ({ kind: 'regression', values: Float64Array.from({ length: x.rows }, (_, i) => w[0] * x.data[i] + w[1] * x.data[x.rows + i]) }) };
      },
    };
    const sel = await stackingSelection(lib, target, mse, ls, 1);
    expect(sel!.members).toEqual([1, 2]);
    expect(sel!.score).toBeLessThan(1e-12);
    const w = (sel!.meta.model.state() as { w: number[] }).w;
    expect(w[0]).toBeCloseTo(0.5, 10);
    expect(w[1]).toBeCloseTo(0.5, 10);
  });
});

describe('withFamilyBests', () => {
  it('adds each family\'s best trial missing from the library, keeps the order by loss, and adds no duplicate', () => {
    const rec = (trial: number, loss: number) => ({ trial, loss, prediction: pred([loss]) });
    const lib = [rec(3, 0.1), rec(5, 0.2), rec(7, 0.2)];
    const out = withFamilyBests(lib, [rec(3, 0.1), rec(9, 0.15), rec(2, 0.2), rec(11, 0.9)]);
    expect(out.map((r) => r.trial)).toEqual([3, 9, 2, 5, 7, 11]);
  });
});

describe('trimSelection', () => {
  const sel = [{ trial: 3, weight: 0.5 }, { trial: 7, weight: 0.3 }, { trial: 1, weight: 0.2 }];
  const near = (got: { trial: number; weight: number }[] | null, want: { trial: number; weight: number }[]) => {
    expect(got?.map((m) => m.trial)).toEqual(want.map((m) => m.trial));
    got!.forEach((m, i) => expect(m.weight).toBeCloseTo(want[i].weight, 12));
  };
  it('keeps everything that fits, and drops the lightest members until the rest fits', () => {
    near(trimSelection(sel, () => true, 3), sel);
    const twoAtMost = (t: readonly number[]) => t.length <= 2;
    near(trimSelection(sel, twoAtMost, 3), [{ trial: 3, weight: 0.625 }, { trial: 7, weight: 0.375 }]);
  });
  it('never drops the already refitted model, and gives up below two members', () => {
    // Trial 1 is the refitted best: the lightest member, but the others go first.
    const without7 = (t: readonly number[]) => !t.includes(7);
    near(trimSelection(sel, without7, 1), [{ trial: 3, weight: 0.5 / 0.7 }, { trial: 1, weight: 0.2 / 0.7 }]);
    expect(trimSelection(sel, (t) => t.length <= 1, 3)).toBeNull();
  });
});
