import { describe, expect, it } from 'vitest';
import { fitTransformer, type Target } from '@autopipe/core';
import { encodeOrdinal } from '../src/encode-ordinal.js';
import { ctx, frameOf, numbers, roundTrip } from './helpers.js';

const COL = ['z', 'y', 'x', 'y', null, 'z', 'y'];
const train = () => frameOf({ c: { type: 'categorical', values: COL }, h: { type: 'high_cardinality', values: ['q', 'p', 'r', 'p', 'q', 'p', 's'] } });

describe('encode.ordinal', () => {
  it('codes categories by descending frequency, ties in code-unit order; missing → NaN', async () => {
    const t = await fitTransformer(encodeOrdinal, train(), ['c', 'h'], {}, ctx);
    const out = t.transform(train());
    // c: y ×3 → 0, z ×2 → 1, x ×1 → 2. h: p ×3 → 0, q ×2 → 1, r and s once each → 2, 3 (r < s).
    expect(numbers(out, 'c')).toEqual([1, 0, 2, 0, NaN, 1, 0]);
    expect(numbers(out, 'h')).toEqual([1, 0, 2, 0, 1, 0, 3]);
    expect(t.outputs).toEqual([{ name: 'c', type: 'numeric' }, { name: 'h', type: 'numeric' }]);
  });

  it('codes categories in lexicographic order when asked', async () => {
    const t = await fitTransformer(encodeOrdinal, train(), ['c'], { order: 'lexicographic' }, ctx);
    expect(numbers(t.transform(train()), 'c')).toEqual([2, 1, 0, 1, NaN, 2, 1]);
  });

  it('maps unseen categories to NaN and restores identically', async () => {
    const t = await fitTransformer(encodeOrdinal, train(), ['c'], {}, ctx);
    const probe = frameOf({ c: { type: 'categorical', values: ['x', 'new', null, 'z'] } });
    expect(numbers(t.transform(probe), 'c')).toEqual([2, NaN, NaN, 1]);
    expect(numbers(roundTrip(encodeOrdinal, t).transform(probe), 'c')).toEqual([2, NaN, NaN, 1]);
  });

  it('encodes everything as NaN after fitting on an all-missing column', async () => {
    const t = await fitTransformer(encodeOrdinal, frameOf({ c: { type: 'categorical', values: [null, null] } }), ['c'], {}, ctx);
    expect(numbers(t.transform(frameOf({ c: { type: 'categorical', values: ['a', null] } })), 'c')).toEqual([NaN, NaN]);
  });

  it('codes categories by ascending smoothed mean response with order "target"', async () => {
    // Positive rate: z 2/2, y 0/3, x 1/1. Smoothed (m = 10) towards the prior 3/7: y < x < z — x's single row barely
    // moves it off the prior, so z (two positives) still ranks above it.
    const y: Target = { kind: 'classification', classes: ['0', '1'], codes: Int32Array.from([1, 0, 1, 0, 0, 1, 0]) };
    const t = await fitTransformer(encodeOrdinal, train(), ['c'], { order: 'target' }, { ...ctx, target: y });
    expect(numbers(t.transform(train()), 'c')).toEqual([2, 0, 1, 0, NaN, 2, 0]);
    expect(numbers(roundTrip(encodeOrdinal, t).transform(train()), 'c')).toEqual([2, 0, 1, 0, NaN, 2, 0]);

    const reg = await fitTransformer(encodeOrdinal, train(), ['c'], { order: 'target' }, { ...ctx, target: { kind: 'regression', values: Float64Array.from([9, 5, 1, 5, 0, 9, 5]) } });
    expect(numbers(reg.transform(train()), 'c')).toEqual([2, 1, 0, 1, NaN, 2, 1]);
  });

  it('sorts by the most frequent class\'s rate for a multiclass target', async () => {
    // Class "b" is the most frequent (4 of 7): its rate is y 3/3, z 1/2, x 0/1 → x, z, y.
    const y: Target = { kind: 'classification', classes: ['a', 'b', 'c'], codes: Int32Array.from([2, 1, 0, 1, 0, 1, 1]) };
    const t = await fitTransformer(encodeOrdinal, train(), ['c'], { order: 'target' }, { ...ctx, target: y });
    expect(numbers(t.transform(train()), 'c')).toEqual([1, 2, 0, 2, NaN, 1, 2]);
  });

  it('asks for the target when order "target" is fitted without one', async () => {
    await expect(fitTransformer(encodeOrdinal, train(), ['c'], { order: 'target' }, ctx)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('needs the target') });
  });

  it('rejects an unknown order', async () => {
    await expect(fitTransformer(encodeOrdinal, train(), ['c'], { order: 'random' }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });
});
