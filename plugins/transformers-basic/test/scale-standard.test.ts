import { describe, expect, it } from 'vitest';
import { fitTransformer } from '@autopipe/core';
import { scaleStandard } from '../src/scale-standard.js';
import { ctx, frameOf, numbers, roundTrip } from './helpers.js';

const train = () => frameOf({
  a: { type: 'numeric', values: [1, 2, 3, 4, null] },
  b: { type: 'numeric', values: [10, -4, 7.5, null, 0.25] },
});

const close = (got: number[], want: number[]) => {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => (Number.isNaN(want[i]) ? expect(g).toBeNaN() : expect(g).toBeCloseTo(want[i], 12)));
};

describe('scale.standard', () => {
  it('uses the mean and population std of non-missing values (matches scikit-learn StandardScaler)', async () => {
    const t = await fitTransformer(scaleStandard, train(), ['a', 'b'], {}, ctx);
    const out = t.transform(train());
    // a: mean 2.5, var (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
    const sa = Math.sqrt(1.25);
    close(numbers(out, 'a'), [-1.5 / sa, -0.5 / sa, 0.5 / sa, 1.5 / sa, NaN]);
    // Values from sklearn.preprocessing.StandardScaler().fit_transform on the same data.
    close(numbers(out, 'b'), [1.1737156371332798, -1.3302110554177171, 0.726585870606316, NaN, -0.5700904523218787]);
  });

  it('can skip centering or scaling', async () => {
    const noMean = await fitTransformer(scaleStandard, train(), ['a'], { with_mean: false }, ctx);
    close(numbers(noMean.transform(train()), 'a'), [1, 2, 3, 4, NaN].map((v) => v / Math.sqrt(1.25)));
    const noStd = await fitTransformer(scaleStandard, train(), ['a'], { with_std: false }, ctx);
    close(numbers(noStd.transform(train()), 'a'), [-1.5, -0.5, 0.5, 1.5, NaN]);
  });

  it('uses scale 1 for a zero-variance column, so it maps to exactly 0', async () => {
    const f = frameOf({ c: { type: 'numeric', values: [0.1, 0.1, 0.1, null] }, d: { type: 'numeric', values: [5, 5, 5, 5] } });
    const t = await fitTransformer(scaleStandard, f, ['c', 'd'], {}, ctx);
    const out = t.transform(frameOf({ c: { type: 'numeric', values: [0.1, 1.1, 0.1, null] }, d: { type: 'numeric', values: [5, 7, 5, 5] } }));
    expect(numbers(out, 'c')).toEqual([0, 1.1 - 0.1, 0, NaN]);
    expect(numbers(out, 'd')).toEqual([0, 2, 0, 0]);
  });

  it('passes a column that was entirely missing at fit time through unchanged', async () => {
    const f = frameOf({ a: { type: 'numeric', values: [null, null] } });
    const t = await fitTransformer(scaleStandard, f, ['a'], {}, ctx);
    expect(numbers(t.transform(frameOf({ a: { type: 'numeric', values: [3, null] } })), 'a')).toEqual([3, NaN]);
  });

  it('declares scaled boolean columns numeric, and restores to identical numbers', async () => {
    const f = frameOf({ flag: { type: 'boolean', values: [1, 0, 0, 1] }, n: { type: 'numeric', values: [1, 2, 3, 5] } });
    const t = await fitTransformer(scaleStandard, f, ['flag', 'n'], {}, ctx);
    expect(t.outputs).toEqual([{ name: 'flag', type: 'numeric' }, { name: 'n', type: 'numeric' }]);
    const out = t.transform(f);
    expect(out.columnSchema('flag').type).toBe('numeric');
    expect(numbers(out, 'flag')).toEqual([1, -1, -1, 1]);
    expect(numbers(roundTrip(scaleStandard, t).transform(f), 'n')).toEqual(numbers(out, 'n'));
  });
});
