import type { ColumnSchema } from '@autopipe/core';
import { describe, expect, it } from 'vitest';
import { rowsToFrame } from '../src/index.js';

const schema: ColumnSchema[] = [
  { name: 'n', type: 'numeric' },
  { name: 'b', type: 'boolean' },
  { name: 'c', type: 'categorical' },
];

describe('rowsToFrame', () => {
  it('builds exactly the schema columns, in schema order, with the storage the runtime expects', () => {
    const f = rowsToFrame([
      { c: 'x', n: 1.5, b: true, extra: 'ignored' },
      { c: 7, n: '2.25', b: 'false', extra: 1 },
      { c: null, n: null, b: null },
      { c: '', n: '', b: '' },
    ], schema);
    expect(f.names).toEqual(['n', 'b', 'c']);
    expect(Array.from(f.numeric('n'))).toEqual([1.5, 2.25, NaN, NaN]);
    expect(Array.from(f.numeric('b'))).toEqual([1, 0, NaN, NaN]);
    expect(f.strings('c')).toEqual(['x', '7', null, null]);
  });

  it('names the column and row of a cell that cannot take the column type', () => {
    expect(() => rowsToFrame([{ n: 1, b: true, c: 'a' }, { n: 'abc', b: true, c: 'a' }], schema)).toThrow(/Column "n" is numeric, but row 2 holds "abc"/);
    expect(() => rowsToFrame([{ n: 1, b: 'perhaps', c: 'a' }], schema)).toThrow(/Column "b" is boolean, but row 1 holds "perhaps"/);
    expect(() => rowsToFrame([{ n: 1, b: true, c: ['a'] }], schema)).toThrow(/Column "c" is categorical, but row 1 holds \["a"\]/);
    expect(() => rowsToFrame([{ n: true, b: true, c: 'a' }], schema)).toThrow(/Column "n" is numeric/);
  });

  it('a column is present only as an own key: names such as "constructor" are not found on the prototype', () => {
    const odd: ColumnSchema[] = [{ name: 'constructor', type: 'categorical' }, { name: 'toString', type: 'numeric' }];
    expect(() => rowsToFrame([{}], odd)).toThrow(/the row has no "constructor", "toString"/);
    expect(() => rowsToFrame([{ constructor: 'a' }], odd)).toThrow(/the row has no "toString"/);
  });
});
