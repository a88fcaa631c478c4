import { describe, expect, it } from 'vitest';
import { fitTransformer } from '@autopipe/core';
import { encodeOneHot, keptCategories } from '../src/encode-onehot.js';
import { ctx, frameOf, numbers, roundTrip } from './helpers.js';

const rep = (v: string | null, n: number) => Array.from({ length: n }, () => v);
// b: 6, a: 5, c: 2 (rare at min_frequency 5), one null: 14 rows.
const values = [...rep('b', 6), ...rep('a', 5), ...rep('c', 2), null];
const train = () => frameOf({
  before: { type: 'numeric', values: values.map((_, i) => i) },
  x: { type: 'categorical', values },
  after: { type: 'categorical', values: rep('k', values.length) },
});

describe('encode.onehot', () => {
  it('keeps frequent categories, always adds __other__ and __missing__, and puts them where the input was', async () => {
    const t = await fitTransformer(encodeOneHot, train(), ['x'], {}, ctx);
    const names = ['x=a', 'x=b', 'x=__other__', 'x=__missing__'];
    expect(t.outputs).toEqual(names.map((name) => ({ name, type: 'boolean' })));
    const later = frameOf({
      before: { type: 'numeric', values: [0, 1, 2, 3, 4] },
      x: { type: 'categorical', values: ['a', 'c', 'never-seen', null, 'b'] },
      after: { type: 'categorical', values: rep('k', 5) },
    });
    const out = t.transform(later);
    expect(out.names).toEqual(['before', ...names, 'after']);
    expect(numbers(out, 'x=a')).toEqual([1, 0, 0, 0, 0]);
    expect(numbers(out, 'x=b')).toEqual([0, 0, 0, 0, 1]);
    expect(numbers(out, 'x=__other__')).toEqual([0, 1, 1, 0, 0]);
    expect(numbers(out, 'x=__missing__')).toEqual([0, 0, 0, 1, 0]);
    expect(out.column('x=a')).toBeInstanceOf(Float64Array);
    expect(numbers(out, 'before')).toEqual([0, 1, 2, 3, 4]);
  });

  it('caps at max_categories most frequent, ties broken lexicographically, columns in lexicographic order', () => {
    expect(keptCategories(values, 5, 1)).toEqual(['b']);
    expect(keptCategories(values, 1, 30)).toEqual(['a', 'b', 'c']);
    expect(keptCategories(['z', 'z', 'y', 'y', 'x', 'x', 'w'], 1, 2)).toEqual(['x', 'y']);
    expect(keptCategories(['z', 'z', 'y', 'y', 'x', 'x', 'w'], 1, 0)).toEqual([]);
  });

  it('maps the literal strings __missing__ and __other__ to their own levels instead of duplicating them', async () => {
    const f = frameOf({ x: { type: 'categorical', values: ['__missing__', '__missing__', '__other__', 'a', 'a'] } });
    const t = await fitTransformer(encodeOneHot, f, ['x'], { min_frequency: 1 }, ctx);
    expect(t.outputs.map((o) => o.name)).toEqual(['x=a', 'x=__other__', 'x=__missing__']);
    const out = t.transform(f);
    expect(numbers(out, 'x=__missing__')).toEqual([1, 1, 0, 0, 0]);
    expect(numbers(out, 'x=__other__')).toEqual([0, 0, 1, 0, 0]);
  });

  it('gives only __other__ and __missing__ for an all-null column, and restores identically', async () => {
    const f = frameOf({ x: { type: 'categorical', values: [null, null] }, y: { type: 'categorical', values: ['u', 'v'] } });
    const t = await fitTransformer(encodeOneHot, f, ['x', 'y'], { min_frequency: 1 }, ctx);
    expect(t.outputs.map((o) => o.name)).toEqual(['x=__other__', 'x=__missing__', 'y=u', 'y=v', 'y=__other__', 'y=__missing__']);
    const r = roundTrip(encodeOneHot, t);
    expect(r.outputs).toEqual(t.outputs);
    expect(numbers(r.transform(f), 'y=v')).toEqual([0, 1]);
  });

  it('rejects min_frequency below 1 and fractional max_categories', async () => {
    await expect(fitTransformer(encodeOneHot, train(), ['x'], { min_frequency: 0 }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(fitTransformer(encodeOneHot, train(), ['x'], { max_categories: 2.5 }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });
});
