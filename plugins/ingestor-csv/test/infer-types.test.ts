import { describe, expect, it } from 'vitest';
import { inferType, parseBoolean, parseNumber } from '../src/infer-types.js';
import { fixtureDir } from './helpers.js';

const fx = fixtureDir();
const seq = (n: number, f: (i: number) => string | null) => Array.from({ length: n }, (_, i) => f(i));

describe('parseNumber / parseBoolean', () => {
  it('accepts plain and scientific notation only', () => {
    expect(['1', '-2', '+3.5', '.5', '5.', '1e3', '-2.5E-2'].map(parseNumber)).toEqual([1, -2, 3.5, 0.5, 5, 1000, -0.025]);
    for (const bad of ['1,5', '0x10', 'Infinity', '1_000', '', '1e', 'e3', '--1', '1.2.3', '1e999', ' 1']) expect(parseNumber(bad), bad).toBeNaN();
  });

  it('reads true/false in any case', () => {
    expect(['true', 'FALSE', 'True'].map(parseBoolean)).toEqual([1, 0, 1]);
    for (const bad of ['1', 'yes', 't']) expect(parseBoolean(bad)).toBeNaN();
  });
});

describe('inferType', () => {
  it('boolean: only true/false values; 0/1 stays numeric', () => {
    expect(inferType(['true', 'False', null, 'TRUE'])).toBe('boolean');
    expect(inferType(['0', '1', '1', null])).toBe('numeric');
    expect(inferType(['true', 'false', 'yes'])).toBe('categorical');
  });

  it('numeric: every present value is a finite number', () => {
    expect(inferType(['1.5', '-2', null, '3e2'])).toBe('numeric');
    expect(inferType(['1,5', '2,5', '3'])).toBe('categorical');
    expect(inferType(['0x10', '0x11'])).toBe('categorical');
  });

  it('constant: one distinct present value, or nothing present', () => {
    expect(inferType(['a', 'a', null, 'a'])).toBe('constant');
    expect(inferType(['1', '1.0', '1e0'])).toBe('constant');
    expect(inferType(['true', 'TRUE'])).toBe('constant');
    expect(inferType([null, null])).toBe('constant');
  });

  it('id: unique strings or consecutive unique integers, from 20 rows', () => {
    expect(inferType(seq(20, (i) => `user-${i * 7}`))).toBe('id');
    expect(inferType(seq(19, (i) => `user-${i * 7}`))).toBe('categorical');
    expect(inferType(seq(25, (i) => String(101 + ((i * 7) % 25))))).toBe('id');
    // Unique but with a gap, or with a missing cell, is just a number.
    expect(inferType(seq(25, (i) => String(i === 3 ? 99 : i)))).toBe('numeric');
    expect(inferType(seq(25, (i) => (i === 3 ? null : String(i))))).toBe('numeric');
    expect(inferType(seq(25, (i) => (i === 3 ? null : `u${i}`)))).toBe('categorical');
  });

  it('text: mostly unique values averaging three or more tokens', () => {
    const sentences = seq(30, (i) => `message number ${i} is here`);
    expect(inferType(sentences)).toBe('text');
    const short = seq(10, (i) => `hello there ${i}`);
    expect(inferType(short)).toBe('text');
    // Long but repetitive values are categories, not text.
    expect(inferType(seq(30, (i) => (i % 3 === 0 ? 'very good indeed' : 'not good at all')))).toBe('categorical');
    // Two-token unique values over 20 rows are ids, not text.
    expect(inferType(seq(30, (i) => `first ${i}`))).toBe('id');
  });

  it('categorical otherwise', () => {
    expect(inferType(['S', 'C', 'Q', null, 'S'])).toBe('categorical');
  });
});

describe('types read from a file', () => {
  it('stores each inferred type by the frame conventions', async () => {
    const rows = seq(24, (i) => [i + 1, i % 2 === 0 ? 'true' : 'false', (i * 1.5).toFixed(1), 'same', i % 3 === 0 ? 'red' : 'blue', `SKU-${1000 + i}`, `"note ${i}, see more"`].join(','));
    const f = await fx.read(['rowid,flag,x,k,colour,sku,note', ...rows].join('\n'));
    expect(Object.fromEntries(f.schema.map((c) => [c.name, c.type]))).toEqual({
      rowid: 'id', flag: 'boolean', x: 'numeric', k: 'constant', colour: 'categorical', sku: 'id', note: 'text',
    });
    expect(Array.from(f.numeric('flag')).slice(0, 3)).toEqual([1, 0, 1]);
    expect(f.numeric('x')[3]).toBe(4.5);
    expect(f.strings('rowid').slice(0, 2)).toEqual(['1', '2']);
    expect(f.strings('k')[0]).toBe('same');
    expect(f.strings('note')[1]).toBe('note 1, see more');
  });

  it('type overrides convert storage and bypass inference', async () => {
    const f = await fx.read('a,b,c,d\n1,yes,x,2\n0,no,y,3\n1,,z,4\n', { types: { a: 'boolean', b: 'boolean', c: 'text', d: 'categorical' } });
    expect(f.typeOf('a')).toBe('boolean');
    expect(Array.from(f.numeric('a'))).toEqual([1, 0, 1]);
    expect(Array.from(f.numeric('b'))).toEqual([1, 0, NaN]);
    expect(f.typeOf('c')).toBe('text');
    expect(f.strings('d')).toEqual(['2', '3', '4']);
    const g = await fx.read('a,b\nx,1\ny,2\n', { types: { b: 'numeric', a: 'id' } });
    expect(g.typeOf('a')).toBe('id');
    expect(Array.from(g.numeric('b'))).toEqual([1, 2]);
  });
});
