import { describe, expect, it } from 'vitest';
import { fitTransformer } from '@autopipe/core';
import { normalQuantile } from '../src/normal-quantile.js';
import { transformQuantile } from '../src/transform-quantile.js';
import { ctx, frameOf, numbers, roundTrip } from './helpers.js';

/*
 * References from scikit-learn 1.2.1, t = [1, 2, 2, 2, 3, 7, 7, 10, nan, 4.5], new = [-1, 2.5, 8, 11, nan]:
 *   qt = QuantileTransformer(n_quantiles=5, output_distribution=d).fit(t[:, None]); qt.transform(...)
 *   QuantileTransformer(output_distribution=d).fit(t[:, None])  (n_quantiles capped to 10 rows)
 */
const T = [1, 2, 2, 2, 3, 7, 7, 10, null, 4.5];
const NEW = [-1, 2.5, 8, 11, null];
const REF = {
  uniform5: { train: [0, 0.25, 0.25, 0.25, 0.5, 0.75, 0.75, 1, NaN, 0.59375], fresh: [0, 0.375, 0.8333333333333334, 1, NaN] },
  normal5: {
    train: [-5.199337582605575, -0.6744897501960817, -0.6744897501960817, -0.6744897501960817, 0, 0.6744897501960817, 0.6744897501960817, 5.19933758270342, NaN, 0.23720210932878769],
    fresh: [-5.199337582605575, -0.31863936396437514, 0.967421566101701, 5.19933758270342, NaN],
  },
  uniform: {
    train: [0, 0.2777777777777778, 0.2777777777777778, 0.2777777777777778, 0.4888888888888889, 0.7777777777777777, 0.7777777777777777, 1, NaN, 0.6111111111111112],
    fresh: [0, 0.43333333333333335, 0.9166666666666666, 1, NaN],
  },
  normal: {
    train: [-5.199337582605575, -0.5894557978497783, -0.5894557978497783, -0.5894557978497783, -0.02785502698545876, 0.7647096737863867, 0.7647096737863867, 5.19933758270342, NaN, 0.28221614706250825],
    fresh: [-5.199337582605575, -0.16789400478810546, 1.382994127100638, 5.19933758270342, NaN],
  },
};

const close = (got: number[], want: number[]) => {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => (Number.isNaN(want[i]) ? expect(g).toBeNaN() : expect(g).toBeCloseTo(want[i], 10)));
};
const frame = (values: readonly (number | null)[]) => frameOf({ t: { type: 'numeric', values } });

describe('transform.quantile', () => {
  for (const dist of ['uniform', 'normal'] as const) {
    it(`matches scikit-learn QuantileTransformer with ${dist} output, ties averaged (n_quantiles 5)`, async () => {
      const t = await fitTransformer(transformQuantile, frame(T), ['t'], { n_quantiles: 5, output_distribution: dist }, ctx);
      close(numbers(t.transform(frame(T)), 't'), REF[`${dist}5`].train);
      close(numbers(t.transform(frame(NEW)), 't'), REF[`${dist}5`].fresh);
      expect(numbers(roundTrip(transformQuantile, t).transform(frame(NEW)), 't')).toEqual(numbers(t.transform(frame(NEW)), 't'));
    });

    it(`caps n_quantiles at the row count with ${dist} output`, async () => {
      const t = await fitTransformer(transformQuantile, frame(T), ['t'], { output_distribution: dist }, ctx);
      expect((t.state() as { quantiles: Float64Array[] }).quantiles[0].length).toBe(10);
      close(numbers(t.transform(frame(T)), 't'), REF[dist].train);
      close(numbers(t.transform(frame(NEW)), 't'), REF[dist].fresh);
    });
  }

  it('handles constant and all-missing columns as documented', async () => {
    const f = frameOf({ k: { type: 'numeric', values: [3, 3, 3] }, m: { type: 'numeric', values: [null, null, null] } });
    const probe = frameOf({ k: { type: 'numeric', values: [2, 3, 4, null] }, m: { type: 'numeric', values: [1, null, 5, 6] } });
    const u = (await fitTransformer(transformQuantile, f, ['k', 'm'], {}, ctx)).transform(probe);
    expect(numbers(u, 'k')).toEqual([0, 0, 1, NaN]);
    expect(numbers(u, 'm')).toEqual([0.5, NaN, 0.5, 0.5]);
    const n = (await fitTransformer(transformQuantile, f, ['k', 'm'], { output_distribution: 'normal' }, ctx)).transform(probe);
    expect(numbers(n, 'm')).toEqual([0, NaN, 0, 0]);
    expect(numbers(n, 'k').slice(0, 3).every(Number.isFinite)).toBe(true);
  });

  it('estimates quantiles on a seeded subsample', async () => {
    const values = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5003);
    const f = frame(values);
    const a = await fitTransformer(transformQuantile, f, ['t'], { subsample: 500 }, ctx);
    const b = await fitTransformer(transformQuantile, f, ['t'], { subsample: 500 }, ctx);
    expect(numbers(a.transform(f), 't')).toEqual(numbers(b.transform(f), 't'));
    // A 500-row sample of a near-uniform column still puts the median near 0.5.
    expect(numbers(a.transform(frame([2500])), 't')[0]).toBeCloseTo(0.5, 1);
  });

  it('computes the normal quantile function to scipy precision', () => {
    // scipy.stats.norm.ppf([0.975, 1e-10, 0.3, 0.999999, 1e-300])
    const want = [1.959963984540054, -6.361340902404056, -0.5244005127080409, 4.753424308817087, -37.0470962993612];
    [0.975, 1e-10, 0.3, 0.999999, 1e-300].forEach((p, i) => expect(normalQuantile(p)).toBeCloseTo(want[i], 12));
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(0.5)).toBe(0);
  });
});
