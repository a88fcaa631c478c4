import { describe, expect, it } from 'vitest';
import { fitTransformer } from '@autopipe/core';
import { imputeNumeric } from '../src/impute-numeric.js';
import { ctx, frameOf, numbers, roundTrip } from './helpers.js';

const train = () => frameOf({
  id: { type: 'categorical', values: ['p', 'q', 'r', 's', 't'] },
  a: { type: 'numeric', values: [4, null, 1, 2, 10] },
  b: { type: 'numeric', values: [1, 3, 8, 0, 3] },
});

describe('impute.numeric', () => {
  it('fills with the median of the non-missing values (even count averages the middle two)', async () => {
    const t = await fitTransformer(imputeNumeric, train(), ['a'], {}, ctx);
    const out = t.transform(train());
    expect(numbers(out, 'a')).toEqual([4, 3, 1, 2, 10]);
  });

  it('fills with the median of an odd count', async () => {
    const f = frameOf({ a: { type: 'numeric', values: [1, null, 10, 3] } });
    const t = await fitTransformer(imputeNumeric, f, ['a'], {}, ctx);
    expect(numbers(t.transform(f), 'a')).toEqual([1, 3, 10, 3]);
  });

  it('fills with the mean', async () => {
    const t = await fitTransformer(imputeNumeric, train(), ['a'], { strategy: 'mean' }, ctx);
    expect(numbers(t.transform(train()), 'a')).toEqual([4, 17 / 4, 1, 2, 10]);
  });

  it('fills with a constant', async () => {
    const t = await fitTransformer(imputeNumeric, train(), ['a'], { strategy: 'constant', fill_value: -1 }, ctx);
    expect(numbers(t.transform(train()), 'a')).toEqual([4, -1, 1, 2, 10]);
  });

  it('adds an indicator right after each column that had missing values at fit time, and only those', async () => {
    const t = await fitTransformer(imputeNumeric, train(), ['a', 'b'], {}, ctx);
    expect(t.outputs).toEqual([{ name: 'a', type: 'numeric' }, { name: 'a__missing', type: 'boolean' }, { name: 'b', type: 'numeric' }]);
    const later = frameOf({
      id: { type: 'categorical', values: ['x', 'y'] },
      a: { type: 'numeric', values: [null, 5] },
      b: { type: 'numeric', values: [7, null] },
    });
    const out = t.transform(later);
    expect(out.names).toEqual(['id', 'a', 'a__missing', 'b']);
    expect(numbers(out, 'a__missing')).toEqual([1, 0]);
    expect(numbers(out, 'a')).toEqual([3, 5]);
    // b had no missing value at fit: no indicator, but a missing cell later is still filled (median of 0,1,3,3,8).
    expect(numbers(out, 'b')).toEqual([7, 3]);
    expect(out.strings('id')).toEqual(['x', 'y']);
  });

  it('adds no indicator when add_indicator is false', async () => {
    const t = await fitTransformer(imputeNumeric, train(), ['a'], { add_indicator: false }, ctx);
    expect(t.transform(train()).names).toEqual(['id', 'a', 'b']);
  });

  it('fills a column that is entirely missing at fit time with fill_value', async () => {
    const f = frameOf({ a: { type: 'numeric', values: [null, null, null] } });
    const t = await fitTransformer(imputeNumeric, f, ['a'], { fill_value: 7 }, ctx);
    const out = t.transform(frameOf({ a: { type: 'numeric', values: [null, 2] } }));
    expect(numbers(out, 'a')).toEqual([7, 2]);
    expect(numbers(out, 'a__missing')).toEqual([1, 0]);
  });

  it('keeps a boolean column boolean when its fill is 0 or 1, and declares it numeric otherwise', async () => {
    const f = frameOf({ flag: { type: 'boolean', values: [1, 1, 0, null] } });
    const med = await fitTransformer(imputeNumeric, f, ['flag'], {}, ctx);
    expect(med.outputs[0]).toEqual({ name: 'flag', type: 'boolean' });
    expect(numbers(med.transform(f), 'flag')).toEqual([1, 1, 0, 1]);
    const avg = await fitTransformer(imputeNumeric, f, ['flag'], { strategy: 'mean' }, ctx);
    expect(avg.outputs[0]).toEqual({ name: 'flag', type: 'numeric' });
    expect(avg.transform(f).columnSchema('flag').type).toBe('numeric');
    expect(numbers(avg.transform(f), 'flag')[3]).toBeCloseTo(2 / 3, 15);
  });

  it('restores to the same fills and indicators', async () => {
    const t = await fitTransformer(imputeNumeric, train(), ['a', 'b'], { strategy: 'mean' }, ctx);
    const r = roundTrip(imputeNumeric, t);
    expect(r.outputs).toEqual(t.outputs);
    expect(numbers(r.transform(train()), 'a')).toEqual(numbers(t.transform(train()), 'a'));
  });

  it('rejects an unknown strategy and an indicator name that is taken', async () => {
    await expect(fitTransformer(imputeNumeric, train(), ['a'], { strategy: 'mode' }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    const clash = frameOf({ a: { type: 'numeric', values: [1, null] }, a__missing: { type: 'numeric', values: [0, 0] } });
    await expect(fitTransformer(imputeNumeric, clash, ['a'], {}, ctx)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
