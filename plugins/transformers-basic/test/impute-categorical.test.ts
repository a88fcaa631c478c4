import { describe, expect, it } from 'vitest';
import { fitTransformer } from '@autopipe/core';
import { imputeCategorical, mostFrequent } from '../src/impute-categorical.js';
import { ctx, frameOf, roundTrip } from './helpers.js';

describe('impute.categorical', () => {
  it('breaks ties in the most frequent value by the smallest value, whatever the order of appearance', () => {
    expect(mostFrequent(['b', 'a', null, 'b', 'a', 'c', null, null])).toBe('a');
    expect(mostFrequent(['z', 'y', 'x'])).toBe('x');
    expect(mostFrequent(['c', 'b', 'c'])).toBe('c');
    expect(mostFrequent([null, null])).toBeNull();
  });

  it('fills missing cells with the most frequent training value and passes unseen values through', async () => {
    const f = frameOf({ n: { type: 'numeric', values: [1, 2, 3, 4] }, c: { type: 'categorical', values: ['b', null, 'b', 'a'] } });
    const t = await fitTransformer(imputeCategorical, f, ['c'], {}, ctx);
    expect(t.transform(f).strings('c')).toEqual(['b', 'b', 'b', 'a']);
    const later = frameOf({ n: { type: 'numeric', values: [0, 0] }, c: { type: 'categorical', values: [null, 'new'] } });
    const out = t.transform(later);
    expect(out.strings('c')).toEqual(['b', 'new']);
    expect(out.names).toEqual(['n', 'c']);
    expect(roundTrip(imputeCategorical, t).transform(later).strings('c')).toEqual(['b', 'new']);
  });

  it('fills with the constant, and uses fill_value for a column entirely missing at fit time', async () => {
    const f = frameOf({ c: { type: 'categorical', values: ['a', null, 'a'] }, d: { type: 'categorical', values: [null, null, null] } });
    const con = await fitTransformer(imputeCategorical, f, ['c'], { strategy: 'constant', fill_value: 'none' }, ctx);
    expect(con.transform(f).strings('c')).toEqual(['a', 'none', 'a']);
    const mf = await fitTransformer(imputeCategorical, f, ['c', 'd'], {}, ctx);
    expect(mf.transform(f).strings('d')).toEqual(['__missing__', '__missing__', '__missing__']);
  });

  it('rejects an unknown strategy', async () => {
    const f = frameOf({ c: { type: 'categorical', values: ['a'] } });
    await expect(fitTransformer(imputeCategorical, f, ['c'], { strategy: 'median' }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });
});
