import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { AutopipeError, defaultContext } from '@autopipe/core';
import { parquetIngestor } from '../src/parquet-ingestor.js';

const dir = mkdtempSync(join(tmpdir(), 'autopipe-parquet-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (bytes: Uint8Array) => {
  const path = join(dir, `f${n++}.parquet`);
  writeFileSync(path, bytes);
  return path;
};
const fail = (path: string) => parquetIngestor.read(path, {}, defaultContext()).then(() => null, (e: unknown) => e as AutopipeError);
type WriteOptions = Parameters<typeof parquetWriteBuffer>[0];

const T0 = Date.UTC(2024, 0, 31, 13, 45);
const ROWS = 1000;
function sample(rowGroupSize?: number): Uint8Array {
  const idx = Array.from({ length: ROWS }, (_, i) => i);
  const columnData = [
    { name: 'i32', data: idx.map((i) => (i % 10 === 3 ? null : i % 17)), type: 'INT32' },
    { name: 'i64', data: idx.map((i) => BigInt(i * 3)), type: 'INT64' },
    { name: 'x', data: idx.map((i) => (i % 7 === 0 ? null : i / 8)), type: 'DOUBLE' },
    { name: 'b', data: idx.map((i) => (i % 5 === 0 ? null : i % 2 === 0)), type: 'BOOLEAN' },
    { name: 's', data: idx.map((i) => (i % 9 === 0 ? null : ['ß', '東京', 'café'][i % 3])), type: 'STRING' },
    { name: 'ts', data: idx.map((i) => (i === 5 ? null : new Date(T0 + i * 60_000))), type: 'TIMESTAMP' },
    { name: 'na', data: idx.map((i) => (i % 2 ? 'NA' : '4.5')), type: 'STRING' },
  ];
  return new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize } as WriteOptions));
}

describe('parquet ingestor', () => {
  it('maps physical and logical types, across row groups, keeping row order and missing cells', async () => {
    for (const rowGroupSize of [undefined, 128]) {
      const f = await parquetIngestor.read(write(sample(rowGroupSize)), {}, defaultContext());
      expect(f.nrow).toBe(ROWS);
      expect(Object.fromEntries(f.schema.map((c) => [c.name, c.type]))).toEqual({
        i32: 'numeric', i64: 'numeric', x: 'numeric', b: 'boolean', s: 'categorical', ts: 'datetime', na: 'constant',
      });
      expect(Array.from(f.numeric('i32').slice(0, 5))).toEqual([0, 1, 2, NaN, 4]);
      expect(f.numeric('i64')[999]).toBe(2997);
      expect(f.numeric('x')[7]).toBeNaN();
      expect(f.numeric('x')[999]).toBe(999 / 8);
      expect(Array.from(f.numeric('b').slice(0, 4))).toEqual([NaN, 0, 1, 0]);
      expect(f.strings('s').slice(0, 4)).toEqual([null, '東京', 'café', 'ß']);
      expect(f.strings('ts')[1]).toBe('2024-01-31T13:46:00');
      expect(f.strings('ts')[5]).toBeNull();
      expect(f.strings('ts')[999]).toBe('2024-02-01T06:24:00');
      // 'NA' is a missing marker, so one distinct value is left.
      expect(f.strings('na').slice(0, 2)).toEqual(['4.5', null]);
    }
  });

  it('overrides apply; canRead goes by extension', async () => {
    const f = await parquetIngestor.read(write(sample()), { types: { i32: 'categorical', na: 'numeric' } }, defaultContext());
    expect(f.strings('i32').slice(0, 4)).toEqual(['0', '1', '2', null]);
    expect(Array.from(f.numeric('na').slice(0, 2))).toEqual([4.5, NaN]);
    expect(parquetIngestor.canRead('a/b.PARQUET')).toBe(true);
    expect(parquetIngestor.canRead('a/b.csv')).toBe(false);
  });

  it('a truncated file is one PARSE_ERROR line naming the file, no stack', async () => {
    const bytes = sample();
    for (const keep of [bytes.length - 10, Math.floor(bytes.length / 2), 4]) {
      const path = write(bytes.subarray(0, keep));
      const e = await fail(path);
      expect(e).toBeInstanceOf(AutopipeError);
      expect(e!.code).toBe('PARSE_ERROR');
      expect(e!.message.startsWith(`${path} cannot be read as Parquet (`)).toBe(true);
      expect(e!.message).toContain('check that the file is complete');
      expect(e!.message).not.toContain('\n');
    }
  });

  it('missing, empty, garbage and row-less files', async () => {
    expect(await fail(join(dir, 'nope.parquet'))).toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('nope.parquet') });
    expect(await fail(write(new Uint8Array(0)))).toMatchObject({ code: 'EMPTY_FILE' });
    expect(await fail(write(Buffer.from('a,b\n1,2\n'.repeat(50))))).toMatchObject({ code: 'PARSE_ERROR' });
    const empty = new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'a', data: [], type: 'INT32' }] } as WriteOptions));
    expect(await fail(write(empty))).toMatchObject({ code: 'NO_ROWS' });
  });
});
