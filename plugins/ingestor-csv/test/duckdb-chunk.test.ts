// ChunkVectors reads result chunks through DuckDB's native binding instead of @duckdb/node-api's vector objects;
// it must see exactly what the package's own getters see: values, NULLs, inline and out-of-line strings.
import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { ChunkVectors, outOfLine } from '../src/duckdb-chunk.js';

const valid = (words: Uint32Array | null, i: number) => words === null || ((words[i >>> 5] >>> (i & 31)) & 1) === 1;

describe('ChunkVectors', () => {
  it('reads DOUBLE and VARCHAR vectors as the package getters do, across the 12-byte inline limit and past 64 rows', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      // Strings of 0 to 40 bytes, some multi-byte (é is 2 bytes, 日 3), and a NULL every 7th row.
      const result = await connection.run(`
        SELECT CASE WHEN i % 7 = 3 THEN NULL ELSE i::DOUBLE * 0.5 - 20 END AS x,
               CASE WHEN i % 5 = 0 THEN 'é' || repeat('a', i % 41) WHEN i % 5 = 1 THEN repeat('日', i % 9) ELSE repeat('z', i % 41) END AS s,
               3.25::DOUBLE AS k
        FROM range(150) t(i)`);
      const chunk = (await result.fetchChunk())!;
      expect(chunk.rowCount).toBe(150);
      const vectors = new ChunkVectors(chunk);
      const x = vectors.doubles(0);
      const k = vectors.doubles(2);
      const s = vectors.strings(1);
      const xs = chunk.getColumnVector(0);
      const ss = chunk.getColumnVector(1);
      let outOfLineCells = 0;
      for (let i = 0; i < 150; i++) {
        const want = xs.getItem(i) as number | null;
        expect(valid(x.valid, i)).toBe(want !== null);
        if (want !== null) expect(x.values[i]).toBe(want);
        expect(valid(k.valid, i)).toBe(true);
        expect(k.values[i]).toBe(3.25);
        const len = s.words[i * 4];
        const text = len <= 12 ? s.bytes.toString('utf8', i * 16 + 4, i * 16 + 4 + len) : outOfLine(s, i, len);
        if (len > 12) outOfLineCells++;
        expect(text).toBe(ss.getItem(i));
      }
      expect(x.valid).not.toBeNull();
      expect(k.valid).toBeNull();
      expect(outOfLineCells).toBeGreaterThan(50);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
