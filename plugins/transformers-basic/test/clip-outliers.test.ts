import { describe, expect, it } from 'vitest';
import { fitTransformer } from '@autopipe/core';
import { clipOutliers } from '../src/clip-outliers.js';
import { ctx, frameOf, numbers, roundTrip } from './helpers.js';

describe('clip.outliers', () => {
  it('clips to the 0.5 % / 99.5 % training quantiles by default', async () => {
    // c = np.arange(1, 201.); c[5] = nan; np.nanpercentile(c, [0.5, 99.5]) → [1.99, 199.01]
    const values = Array.from({ length: 200 }, (_, i) => (i === 5 ? null : i + 1));
    const f = frameOf({ c: { type: 'numeric', values } });
    const t = await fitTransformer(clipOutliers, f, ['c'], {}, ctx);
    const out = numbers(t.transform(frameOf({ c: { type: 'numeric', values: [-1e9, 1, 1.99, 50, 199.5, 1e9, null] } })), 'c');
    expect(out[0]).toBeCloseTo(1.99, 12);
    expect(out[1]).toBeCloseTo(1.99, 12);
    expect(out[2]).toBeCloseTo(1.99, 12);
    expect(out[3]).toBe(50);
    expect(out[4]).toBeCloseTo(199.01, 12);
    expect(out[5]).toBeCloseTo(199.01, 12);
    expect(out[6]).toBeNaN();
    expect(numbers(roundTrip(clipOutliers, t).transform(f), 'c')).toEqual(numbers(t.transform(f), 'c'));
  });

  it('clips to Tukey fences with method iqr', async () => {
    // np.percentile([1..9, 100], [25, 75]) → 3.25, 7.75; fences 3.25 − 1.5·4.5 = −3.5 and 7.75 + 6.75 = 14.5.
    const f = frameOf({ c: { type: 'numeric', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 100] } });
    const t = await fitTransformer(clipOutliers, f, ['c'], { method: 'iqr' }, ctx);
    expect(numbers(t.transform(f), 'c')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 14.5]);
    expect(numbers(t.transform(frameOf({ c: { type: 'numeric', values: [-50, null] } })), 'c')).toEqual([-3.5, NaN]);
  });

  it('leaves an all-missing column unclipped and pins a constant column to its value', async () => {
    const f = frameOf({ m: { type: 'numeric', values: [null, null] }, k: { type: 'numeric', values: [2, 2] } });
    const t = await fitTransformer(clipOutliers, f, ['m', 'k'], {}, ctx);
    const out = t.transform(frameOf({ m: { type: 'numeric', values: [1e300, -1e300] }, k: { type: 'numeric', values: [0, 9] } }));
    expect(numbers(out, 'm')).toEqual([1e300, -1e300]);
    expect(numbers(out, 'k')).toEqual([2, 2]);
  });

  it('rejects an unknown method and an inverted range', async () => {
    const f = frameOf({ c: { type: 'numeric', values: [1, 2] } });
    await expect(fitTransformer(clipOutliers, f, ['c'], { method: 'zscore' }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(fitTransformer(clipOutliers, f, ['c'], { q_low: 0.9, q_high: 0.1 }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });
});
