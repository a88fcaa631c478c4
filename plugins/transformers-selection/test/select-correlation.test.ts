import { describe, expect, it } from 'vitest';
import { fitTransformer } from '@autopipe/core';
import { selectCorrelation } from '../src/select-correlation.js';
import { pearson, sampleRows } from '../src/statistics.js';
import { ctx, dropped, frameOf, roundTrip, scores } from './helpers.js';

const f64 = (v: (number | null)[]) => Float64Array.from(v, (x) => (x === null ? NaN : x));

describe('pearson', () => {
  it('matches numpy.corrcoef, on pairwise-complete rows when values are missing', () => {
    expect(pearson(f64([1, 2, 3, 4, 5, 6]), f64([2, 1, 4, 3, 7, 5]))).toBeCloseTo(0.7917946548886295, 14);
    expect(pearson(f64([1, 2, null, 4, 5, 6]), f64([2, 1, 4, null, 7, 5]))).toBeCloseTo(0.8390131796985203, 14);
  });

  it('is NaN for a constant side or fewer than two complete rows', () => {
    expect(pearson(f64([1, 1, 1]), f64([1, 2, 3]))).toBeNaN();
    expect(pearson(f64([1, null, 3]), f64([null, 2, 4]))).toBeNaN();
  });

  it('samples rows without replacement, sorted and seeded', () => {
    const a = sampleRows(1000, 10, 3)!;
    expect(a.length).toBe(10);
    expect(new Set(a).size).toBe(10);
    expect(Array.from(a)).toEqual([...a].sort((x, y) => x - y));
    expect(Array.from(sampleRows(1000, 10, 3)!)).toEqual(Array.from(a));
    expect(sampleRows(10, 10, 3)).toBeUndefined();
  });
});

describe('select.correlation', () => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8];
  const noise = [3, -1, 4, 1, -5, 9, 2, -6];

  it('keeps the earlier column of each correlated pair, whatever the sign', async () => {
    const f = frameOf({ x, twice: x.map((v) => 2 * v + 1), noise, neg: x.map((v) => -v) });
    const t = await fitTransformer(selectCorrelation, f, ['x', 'twice', 'noise', 'neg'], {}, ctx);
    expect(dropped(t)).toEqual(['twice', 'neg']);
    expect(t.transform(f).names).toEqual(['x', 'noise']);
    const s = scores(t);
    expect(s[1]).toBeCloseTo(1, 12);
    expect(s[2]).toBeCloseTo(Math.abs(pearson(f64(x), f64(noise))), 12);
  });

  it('compares with kept columns only: in a chain A~B~C with A, C apart, B goes and C stays', async () => {
    const a = [0, 0, 0, 0, 1, 1, 1, 1];
    const c = [0, 1, 0, 1, 0, 1, 0, 1];
    const b = a.map((v, i) => v + c[i]);
    const f = frameOf({ a, b, c });
    const t = await fitTransformer(selectCorrelation, f, ['a', 'b', 'c'], { threshold: 0.7 }, ctx);
    // r(a, b) = r(b, c) = 1/√2 ≈ 0.707 ≥ 0.7, r(a, c) = 0.
    expect(dropped(t)).toEqual(['b']);
  });

  it('never drops a constant or all-missing column (they correlate with nothing) and respects the order given', async () => {
    const f = frameOf({ x, c: x.map(() => 4), m: x.map(() => null), y: x.map((v) => v * 3) });
    const t = await fitTransformer(selectCorrelation, f, ['y', 'c', 'm', 'x'], {}, ctx);
    expect(dropped(t)).toEqual(['x']);
    expect(roundTrip(selectCorrelation, t).outputs).toEqual(t.outputs);
  });

  it('rejects a threshold outside (0, 1]', async () => {
    await expect(fitTransformer(selectCorrelation, frameOf({ x }), ['x'], { threshold: 1.5 }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });
});
