import { describe, expect, it } from 'vitest';
import { fitTransformer } from '@autopipe/core';
import { datetimeFeatures } from '../src/datetime-features.js';
import { ctx, datetimeFrame, numbers, roundTrip } from './helpers.js';

const VALUES = ['2024-01-31', '2024-12-31T23:30:00Z', '2023-03-05T13:45:10.250+02:00', '1999-12-31T00:00:00-05:30', '2000-02-29 06:07'];

const close = (got: number[], want: number[], digits = 12) => {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => (Number.isNaN(want[i]) ? expect(g).toBeNaN() : expect(g).toBeCloseTo(want[i], digits)));
};

describe('datetime.features', () => {
  it('matches pandas calendar fields and elapsed days (UTC)', async () => {
    const f = datetimeFrame({ t: VALUES });
    const t = await fitTransformer(datetimeFeatures, f, ['t'], {}, ctx);
    const out = t.transform(f);
    // pandas: s = Series of pd.Timestamp(v) localized/converted to UTC;
    // s.dt.year, .month, .day, .dayofweek, .dayofyear, .hour and (s - s.min()) / pd.Timedelta(days=1).
    expect(numbers(out, 't__year')).toEqual([2024, 2024, 2023, 1999, 2000]);
    expect(numbers(out, 't__month')).toEqual([1, 12, 3, 12, 2]);
    expect(numbers(out, 't__day')).toEqual([31, 31, 5, 31, 29]);
    expect(numbers(out, 't__weekday')).toEqual([2, 1, 6, 4, 1]);
    expect(numbers(out, 't__dayofyear')).toEqual([31, 366, 64, 365, 60]);
    expect(numbers(out, 't__hour')).toEqual([0, 23, 11, 5, 6]);
    close(numbers(out, 't__elapsed_days'), [8796.770833333334, 9132.75, 8465.260535300926, 0, 60.02569444444445], 9);
  });

  it('encodes month, weekday, day-of-year and time of day on the unit circle', async () => {
    const f = datetimeFrame({ t: ['2024-01-01T00:00:00Z', '2024-07-04T06:00:00Z', '2023-12-31T18:00:00Z'] });
    const out = (await fitTransformer(datetimeFeatures, f, ['t'], {}, ctx)).transform(f);
    const tau = 2 * Math.PI;
    close(numbers(out, 't__month_sin'), [0, Math.sin((tau * 6) / 12), Math.sin((tau * 11) / 12)]);
    close(numbers(out, 't__month_cos'), [1, -1, Math.cos((tau * 11) / 12)]);
    // 2024-01-01 Monday (0), 2024-07-04 Thursday (3), 2023-12-31 Sunday (6).
    close(numbers(out, 't__weekday_sin'), [0, Math.sin((tau * 3) / 7), Math.sin((tau * 6) / 7)]);
    // Day 186 of leap 2024; day 365 of 2023 sits just before day 1.
    close(numbers(out, 't__dayofyear_cos'), [1, Math.cos((tau * 185) / 366), Math.cos((tau * 364) / 365)]);
    close(numbers(out, 't__hour_sin'), [0, 1, -1]);
    close(numbers(out, 't__hour_cos'), [1, 0, 0]);
  });

  it('leaves out hour features when every training value is at midnight, and cyclic ones on request', async () => {
    const f = datetimeFrame({ d: ['2024-01-01', '2024-02-01T00:00:00Z', null] });
    const t = await fitTransformer(datetimeFeatures, f, ['d'], { cyclic: false }, ctx);
    expect(t.outputs.map((o) => o.name)).toEqual(['d__year', 'd__month', 'd__day', 'd__weekday', 'd__dayofyear', 'd__elapsed_days', 'd__dt_missing']);
    // A time of day seen only after fitting does not add columns.
    const out = t.transform(datetimeFrame({ d: ['2024-03-01T10:00:00Z'] }));
    expect(out.names).toEqual(t.outputs.map((o) => o.name));
    expect(numbers(out, 'd__elapsed_days')).toEqual([60 + 10 / 24]);
  });

  it('turns missing and unparseable cells into NaN features plus a 0/1 indicator decided at fit time', async () => {
    const f = datetimeFrame({ a: ['2024-01-01', 'garbage', null], b: ['2024-01-01', '2024-01-02', '2024-01-03'] });
    const t = await fitTransformer(datetimeFeatures, f, ['a', 'b'], {}, ctx);
    expect(t.outputs.find((o) => o.name === 'a__dt_missing')).toEqual({ name: 'a__dt_missing', type: 'boolean' });
    expect(t.outputs.some((o) => o.name === 'b__dt_missing')).toBe(false);
    const out = t.transform(datetimeFrame({ a: ['2024-01-05', '2024-02-30', null], b: ['nope', '', '2024-01-04'] }));
    expect(numbers(out, 'a__dt_missing')).toEqual([0, 1, 1]);
    close(numbers(out, 'a__day'), [5, NaN, NaN]);
    close(numbers(out, 'b__elapsed_days'), [NaN, NaN, 3]);
    close(numbers(out, 'b__month_sin'), [NaN, NaN, 0]);
  });

  it('fits an all-missing column without throwing (features all NaN, elapsed from the epoch)', async () => {
    const f = datetimeFrame({ a: [null, 'x', null] });
    const t = await fitTransformer(datetimeFeatures, f, ['a'], {}, ctx);
    expect(numbers(t.transform(f), 'a__year')).toEqual([NaN, NaN, NaN]);
    expect(numbers(t.transform(datetimeFrame({ a: ['1970-01-11'] })), 'a__elapsed_days')).toEqual([10]);
  });

  it('restores to identical output', async () => {
    const f = datetimeFrame({ t: [...VALUES, null, 'bad'] });
    const t = await fitTransformer(datetimeFeatures, f, ['t'], {}, ctx);
    const r = roundTrip(datetimeFeatures, t);
    expect(r.outputs).toEqual(t.outputs);
    for (const o of t.outputs) expect(numbers(r.transform(f), o.name)).toEqual(numbers(t.transform(f), o.name));
  });
});
