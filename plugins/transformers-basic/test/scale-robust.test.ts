import { describe, expect, it } from 'vitest';
import { fitTransformer } from '@autopipe/core';
import { scaleRobust } from '../src/scale-robust.js';
import { ctx, frameOf, numbers, roundTrip } from './helpers.js';

const close = (got: number[], want: number[]) => {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => (Number.isNaN(want[i]) ? expect(g).toBeNaN() : expect(g).toBeCloseTo(want[i], 12)));
};

const train = () => frameOf({
  a: { type: 'numeric', values: [1, 2, 3, 4, 100, null] },
  b: { type: 'numeric', values: [5, 5, 5, 5, 6, null] },
});

describe('scale.robust', () => {
  it('centers on the median and divides by the IQR (matches scikit-learn RobustScaler)', async () => {
    // from sklearn.preprocessing import RobustScaler; X = np.c_[[1,2,3,4,100,nan],[5,5,5,5,6,nan]]
    // RobustScaler().fit_transform(X).T → [[-1, -0.5, 0, 0.5, 48.5, nan], [0, 0, 0, 0, 1, nan]]
    // (b's IQR is 0, so its scale is 1); .transform([[-10, 7], [nan, 5]]) → a: [-6.5, nan], b: [2, 0]
    const t = await fitTransformer(scaleRobust, train(), ['a', 'b'], {}, ctx);
    const out = t.transform(train());
    close(numbers(out, 'a'), [-1, -0.5, 0, 0.5, 48.5, NaN]);
    close(numbers(out, 'b'), [0, 0, 0, 0, 1, NaN]);
    const fresh = t.transform(frameOf({ a: { type: 'numeric', values: [-10, null] }, b: { type: 'numeric', values: [7, 5] } }));
    close(numbers(fresh, 'a'), [-6.5, NaN]);
    close(numbers(fresh, 'b'), [2, 0]);
    close(numbers(roundTrip(scaleRobust, t).transform(train()), 'a'), numbers(out, 'a'));
  });

  it('honours a custom quantile range and can skip centering or scaling', async () => {
    // a's non-missing values 1,2,3,4,100: q10 = 1.4, q90 = 61.6 (numpy linear) → range 60.2.
    const t = await fitTransformer(scaleRobust, train(), ['a'], { quantile_low: 0.1, quantile_high: 0.9, with_centering: false }, ctx);
    close(numbers(t.transform(train()), 'a'), [1, 2, 3, 4, 100, NaN].map((v) => v / 60.2));
    const noScale = await fitTransformer(scaleRobust, train(), ['a'], { with_scaling: false }, ctx);
    close(numbers(noScale.transform(train()), 'a'), [-2, -1, 0, 1, 97, NaN]);
  });

  it('passes an all-missing column through and maps a constant column to 0', async () => {
    const f = frameOf({ m: { type: 'numeric', values: [null, null, null] }, k: { type: 'numeric', values: [4, 4, 4] } });
    const t = await fitTransformer(scaleRobust, f, ['m', 'k'], {}, ctx);
    const out = t.transform(frameOf({ m: { type: 'numeric', values: [3, null, -1] }, k: { type: 'numeric', values: [4, 5, null] } }));
    expect(numbers(out, 'm')).toEqual([3, NaN, -1]);
    expect(numbers(out, 'k')).toEqual([0, 1, NaN]);
  });

  it('rejects an inverted quantile range', async () => {
    await expect(fitTransformer(scaleRobust, train(), ['a'], { quantile_low: 0.8, quantile_high: 0.2 }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });
});
