import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { AutopipeError, defaultContext, type ColumnType } from '@autopipe/core';
import { collectStream, frameRows } from '@autopipe/testkit';
import { parquetIngestor } from '../src/parquet-ingestor.js';

const dir = mkdtempSync(join(tmpdir(), 'autopipe-parquet-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const ctx = defaultContext(1);
type WriteOptions = Parameters<typeof parquetWriteBuffer>[0];

const T0 = Date.UTC(2024, 0, 31, 13, 45);
function sample(rows: number, rowGroupSize?: number, badAt = -1): string {
  const idx = Array.from({ length: rows }, (_, i) => i);
  const columnData = [
    { name: 'i32', data: idx.map((i) => (i % 10 === 3 ? null : i % 17)), type: 'INT32' },
    { name: 'i64', data: idx.map((i) => BigInt(i * 3)), type: 'INT64' },
    { name: 'x', data: idx.map((i) => (i % 7 === 0 ? null : i / 8)), type: 'DOUBLE' },
    { name: 'b', data: idx.map((i) => (i % 5 === 0 ? null : i % 2 === 0)), type: 'BOOLEAN' },
    { name: 's', data: idx.map((i) => (i % 9 === 0 ? null : ['ß', '東京', 'café'][i % 3])), type: 'STRING' },
    { name: 'ts', data: idx.map((i) => (i === 5 ? null : new Date(T0 + i * 60_000))), type: 'TIMESTAMP' },
    { name: 'na', data: idx.map((i) => (i === badAt ? 'old' : i % 2 ? 'NA' : `${i % 4}.5`)), type: 'STRING' },
  ];
  const path = join(dir, `f${n++}.parquet`);
  writeFileSync(path, new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize } as WriteOptions)));
  return path;
}

const TYPES: Record<string, ColumnType> = { i32: 'numeric', i64: 'numeric', x: 'numeric', b: 'boolean', s: 'categorical', ts: 'datetime', na: 'numeric' };

describe('parquet stream (DuckDB)', () => {
  it('batches concatenated equal read (types given), across row groups and vector boundaries', async () => {
    for (const rowGroupSize of [undefined, 1000]) {
      const path = sample(5000, rowGroupSize);
      const got = await collectStream(parquetIngestor, path, { types: TYPES, batchRows: 1500 }, ctx);
      expect(got.batches).toEqual([1500, 1500, 1500, 500]);
      expect({ names: got.names, types: got.types, columns: got.columns }).toEqual(frameRows(await parquetIngestor.read(path, { types: TYPES }, ctx)));
      expect(got.columns.ts[1]).toBe('2024-01-31T13:46:00');
      expect(got.columns.s.slice(0, 3)).toEqual([null, '東京', 'café']);
    }
  });

  it('without types, later batches keep the first batch types', async () => {
    const path = sample(3000);
    const got = await collectStream(parquetIngestor, path, { batchRows: 2048 }, ctx);
    const whole = frameRows(await parquetIngestor.read(path, {}, ctx));
    expect(got.batches).toEqual([2048, 952]);
    expect(got.types).toEqual(whole.types);
    expect(got.columns).toEqual(whole.columns);
  });

  it('a cell that does not fit its type names its row; bad files fail like read', async () => {
    const err = await collectStream(parquetIngestor, sample(3000, undefined, 2100), { types: TYPES, batchRows: 1000 }, ctx).then(() => null, (e: unknown) => e as AutopipeError);
    expect(err).toBeInstanceOf(AutopipeError);
    expect(err!.message).toContain('column "na" is declared numeric but row 2101 holds "old"');
    const truncated = join(dir, 'cut.parquet');
    const bytes = parquetWriteBuffer({ columnData: [{ name: 'a', data: [1, 2, 3], type: 'INT32' }] } as WriteOptions);
    writeFileSync(truncated, new Uint8Array(bytes).subarray(0, 20));
    const cut = await collectStream(parquetIngestor, truncated, { batchRows: 10 }, ctx).then(() => null, (e: unknown) => e as AutopipeError);
    expect(cut).toMatchObject({ code: 'PARSE_ERROR' });
    expect(cut!.message.startsWith(`${truncated} cannot be read as Parquet (`)).toBe(true);
    const empty = join(dir, 'empty.parquet');
    writeFileSync(empty, new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'a', data: [], type: 'INT32' }] } as WriteOptions)));
    expect(await collectStream(parquetIngestor, empty, { batchRows: 10 }, ctx).then(() => null, (e: unknown) => e)).toMatchObject({ code: 'NO_ROWS' });
  });
});
