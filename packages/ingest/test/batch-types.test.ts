import { describe, expect, it } from 'vitest';
import { AutopipeError, Frame } from '@autopipe/core';
import { BatchTypes, checkBatchRows, columnFromStrings, conversionError } from '../src/index.js';

describe('BatchTypes', () => {
  it('given types win; other columns take the first batch types, later batches ignored', () => {
    const t = new BatchTypes({ a: 'categorical' });
    expect(t.settled).toBe(false);
    expect(t.typeOf('a')).toBe('categorical');
    expect(t.typeOf('b')).toBeUndefined();
    const first = Frame.fromColumns([columnFromStrings('a', ['1', '2', '3'], { source: 's' }, 'categorical'), columnFromStrings('b', ['1.5', null, '2.5'], { source: 's' })]);
    t.note(first);
    expect(t.settled).toBe(true);
    expect(t.typeOf('b')).toBe('numeric');
    t.note(Frame.fromColumns([columnFromStrings('a', ['x'], { source: 's' }, 'categorical'), columnFromStrings('b', ['x'], { source: 's' })]));
    expect(t.typeOf('b')).toBe('numeric');
    // So a later batch's text in b fails like any override would.
    expect(() => columnFromStrings('b', ['2', 'x'], { source: 's', firstRow: 100, lineOf: (r) => 102 + r }, t.typeOf('b'))).toThrow('row 102 (line 103) holds "x"');
  });

  it('conversion errors count rows from the start of the source; batch sizes must be positive integers', () => {
    expect(conversionError('c', 'numeric', 4, 'x', { source: 's', firstRow: 1000 }).details).toMatchObject({ row: 1005 });
    expect(checkBatchRows(5, 's')).toBe(5);
    for (const bad of [0, -1, 2.5, NaN]) expect(() => checkBatchRows(bad, 's')).toThrow(AutopipeError);
  });
});
