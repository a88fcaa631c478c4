// How far DuckDB may run ahead of a whole-file read: three quarters of the file, kept between 64 MB and 256 MB.
import { describe, expect, it } from 'vitest';
import { readAheadBytes } from '../src/duckdb-source.js';

const MB = 1 << 20;

describe('readAheadBytes', () => {
  it('is 64 MB for small files, 3/4 of the file in between, and 256 MB for large ones', () => {
    expect(readAheadBytes(0)).toBe(64 * MB);
    expect(readAheadBytes(80 * MB)).toBe(64 * MB);
    expect(readAheadBytes(100 * MB)).toBe(75 * MB);
    expect(readAheadBytes(338_275_493)).toBe(Math.round(338_275_493 * 0.75));
    expect(readAheadBytes(342 * MB)).toBe(256 * MB);
    expect(readAheadBytes(10_000 * MB)).toBe(256 * MB);
  });
});
