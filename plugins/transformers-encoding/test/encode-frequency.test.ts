import { describe, expect, it } from 'vitest';
import { fitTransformer } from '@autopipe/core';
import { encodeFrequency } from '../src/encode-frequency.js';
import { ctx, frameOf, numbers, roundTrip } from './helpers.js';

const train = () => frameOf({ c: { type: 'categorical', values: ['z', 'y', 'x', 'y', null, 'z', 'y'] } });
const probe = () => frameOf({ c: { type: 'categorical', values: ['y', 'x', null, 'never', 'z'] } });

describe('encode.frequency', () => {
  it('encodes each category as its share of the training rows; missing as the share of missing; unseen as 0', async () => {
    const t = await fitTransformer(encodeFrequency, train(), ['c'], {}, ctx);
    // 7 rows: y 3, z 2, x 1, missing 1.
    expect(numbers(t.transform(probe()), 'c')).toEqual([3 / 7, 1 / 7, 1 / 7, 0, 2 / 7]);
    expect(numbers(roundTrip(encodeFrequency, t).transform(probe()), 'c')).toEqual([3 / 7, 1 / 7, 1 / 7, 0, 2 / 7]);
  });

  it('gives raw counts with normalize: false', async () => {
    const t = await fitTransformer(encodeFrequency, train(), ['c'], { normalize: false }, ctx);
    expect(numbers(t.transform(probe()), 'c')).toEqual([3, 1, 1, 0, 2]);
  });

  it('gives missing cells 0 when training had none, and handles an all-missing training column', async () => {
    const none = await fitTransformer(encodeFrequency, frameOf({ c: { type: 'high_cardinality', values: ['a', 'b', 'a', 'a'] } }), ['c'], {}, ctx);
    expect(numbers(none.transform(frameOf({ c: { type: 'high_cardinality', values: [null, 'a', 'b'] } })), 'c')).toEqual([0, 0.75, 0.25]);
    const all = await fitTransformer(encodeFrequency, frameOf({ c: { type: 'categorical', values: [null, null] } }), ['c'], {}, ctx);
    expect(numbers(all.transform(frameOf({ c: { type: 'categorical', values: [null, 'a'] } })), 'c')).toEqual([1, 0]);
  });
});
