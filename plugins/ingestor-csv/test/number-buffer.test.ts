import { describe, expect, it } from 'vitest';
import { inferNumericType } from '@autopipe/ingest';
import { expectedRows, NumberBuffer } from '../src/number-buffer.js';

const range = (from: number, to: number) => Float64Array.from({ length: to - from }, (_, i) => from + i);

describe('NumberBuffer', () => {
  it('keeps the values across vectors, and an exactly sized column is the array itself', () => {
    const b = new NumberBuffer(6);
    b.pushVector(range(0, 4), null, 1, 4);
    b.pushVector(range(10, 14), null, 0, 3);
    const out = b.finish().data;
    expect(Array.from(out)).toEqual([1, 2, 3, 10, 11, 12]);
    expect(out.buffer.byteLength).toBe(6 * 8);
  });

  it('grows past a short estimate', () => {
    const b = new NumberBuffer(3);
    for (let k = 0; k < 5; k++) b.pushVector(range(k * 4, k * 4 + 4), null, 0, 4);
    expect(Array.from(b.finish().data)).toEqual(Array.from(range(0, 20)));
  });

  it('copies a column that used much less than its estimate, and starts over empty', () => {
    const b = new NumberBuffer(100);
    b.pushVector(range(0, 10), null, 0, 10);
    const out = b.finish().data;
    expect(out.length).toBe(10);
    expect(out.buffer.byteLength).toBe(10 * 8);
    b.pushVector(range(5, 7), null, 0, 2);
    expect(Array.from(b.finish().data)).toEqual([5, 6]);
  });

  it('a nearly full column is a view of its buffer', () => {
    const b = new NumberBuffer(100);
    b.pushVector(range(0, 95), null, 0, 95);
    const out = b.finish().data;
    expect(out.length).toBe(95);
    expect(out[94]).toBe(94);
  });
});

describe('NumberBuffer with validity masks', () => {
  it('NULL rows are NaN, and the summary types the column as inferNumericType does', () => {
    const b = new NumberBuffer(64);
    // Rows 0..39 of one vector, rows 2 and 35 NULL (their stored values are garbage); then rows 0..9 of another.
    const valid = Uint32Array.of(~(1 << 2) >>> 0, ~(1 << 3) >>> 0);
    b.pushVector(Float64Array.from({ length: 40 }, (_, i) => (i === 2 || i === 35 ? 1e300 : i)), valid, 0, 40);
    b.pushVector(range(40, 50), null, 0, 10);
    const { data, summary } = b.finish();
    expect([data[1], data[2], data[35], data[49]]).toEqual([1, NaN, NaN, 49]);
    expect(summary.type(data)).toBe(inferNumericType(data));
    expect(summary.type(data)).toBe('numeric');
    const ids = new NumberBuffer(64);
    ids.pushVector(range(1, 31), null, 0, 30);
    const whole = ids.finish();
    expect(whole.summary.type(whole.data)).toBe('id');
  });

  it('refuses a valid inf or nan (text to parseNumber, so csv-parse must read the file)', () => {
    const b = new NumberBuffer(8);
    expect(() => b.pushVector(Float64Array.of(1, Infinity), null, 0, 2)).toThrow(/inf or nan/);
    expect(() => new NumberBuffer(8).pushVector(Float64Array.of(NaN, 1), null, 0, 2)).toThrow(/inf or nan/);
    // The same values are fine where the mask says NULL.
    expect(() => new NumberBuffer(8).pushVector(Float64Array.of(NaN, Infinity), Uint32Array.of(0), 0, 2)).not.toThrow();
  });
});

describe('expectedRows', () => {
  it('scales the mean row length of the head to the file size, with a little room', () => {
    // A 7-byte header line and 10-byte rows: a 1,000,007-byte file holds 100,000 rows.
    const head = Buffer.from(`a,b,c,\n${'123,4567,\n'.repeat(50)}12`);
    const n = expectedRows(head, 7 + 100_000 * 10);
    expect(n).toBeGreaterThanOrEqual(100_000);
    expect(n).toBeLessThan(103_000);
  });

  it('falls back to a small guess without two lines', () => {
    expect(expectedRows(Buffer.from('a,b\n'), 1e9)).toBe(1024);
  });
});
