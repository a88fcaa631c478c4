import { describe, expect, it } from 'vitest';
import { fitTransformer } from '@autopipe/core';
import { selectVariance } from '../src/select-variance.js';
import { ctx, dropped, frameOf, roundTrip, scores } from './helpers.js';

const train = () => frameOf({
  a: [1, 2, 3, 4], b: [5, 5, 5, null], flag: [0, 1, 0, 0], big: [1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 5], none: [null, null, null, null], other: [9, 9, 9, 9],
}, { flag: 'boolean' });

describe('select.variance', () => {
  it('matches scikit-learn VarianceThreshold(0.2) variances and support (NaN ignored)', async () => {
    const t = await fitTransformer(selectVariance, train(), ['a', 'b', 'flag', 'big'], { threshold: 0.2 }, ctx);
    // VarianceThreshold(0.2).fit(X): variances_ [1.25, 0.0, 0.1875, 2.1875], support [T, F, F, T].
    const s = scores(t);
    expect(s.slice(0, 3)).toEqual([1.25, 0, 0.1875]);
    expect(s[3]).toBeCloseTo(2.1875, 6);
    expect(dropped(t)).toEqual(['b', 'flag']);
    expect(t.outputs).toEqual([{ name: 'a', type: 'numeric' }, { name: 'big', type: 'numeric' }]);
  });

  it('by default drops exactly-constant and all-missing columns, keeps the rest with their types and data, and leaves other columns alone', async () => {
    const f = train();
    const t = await fitTransformer(selectVariance, f, ['a', 'b', 'flag', 'none'], {}, ctx);
    expect(dropped(t)).toEqual(['b', 'none']);
    const out = t.transform(f);
    expect(out.names).toEqual(['a', 'flag', 'big', 'other']);
    expect(out.columnSchema('flag').type).toBe('boolean');
    expect(Array.from(out.numeric('a'))).toEqual([1, 2, 3, 4]);
    expect(roundTrip(selectVariance, t).transform(f).names).toEqual(out.names);
  });
});
