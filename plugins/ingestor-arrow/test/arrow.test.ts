import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bool, dateDay, dictionary, float32, int32, int64, tableFromArrays, tableToIPC, timestamp, TimeUnit, utf8 } from '@uwdata/flechette';
import { AutopipeError, defaultContext } from '@autopipe/core';
import { arrowIngestor } from '../src/arrow-ingestor.js';

const dir = mkdtempSync(join(tmpdir(), 'autopipe-arrow-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (bytes: Uint8Array, ext = 'arrow') => {
  const path = join(dir, `f${n++}.${ext}`);
  writeFileSync(path, bytes);
  return path;
};
const fail = (path: string) => arrowIngestor.read(path, {}, defaultContext()).then(() => null, (e: unknown) => e as AutopipeError);

const T0 = Date.UTC(2024, 0, 31, 13, 45);

const sample = () =>
  tableFromArrays(
    {
      i32: [1, null, 3, 4],
      i64: [10, 20, null, 40],
      f32: [0.5, 1.5, 2.5, null],
      b: [true, false, null, true],
      cat: ['red', 'blue', null, 'red'],
      dict: ['x', 'y', 'x', 'NA'],
      ts: [T0, T0 + 3_600_000, null, T0 + 1000],
      tsz: [T0, T0, T0 + 60_000, T0],
      day: [Date.UTC(2024, 1, 29), Date.UTC(2024, 2, 1), null, Date.UTC(2024, 2, 2)],
      num_text: ['1.5', '2', '3', null],
    },
    {
      types: {
        i32: int32(), i64: int64(), f32: float32(), b: bool(), cat: utf8(), dict: dictionary(utf8()),
        ts: timestamp(TimeUnit.MILLISECOND), tsz: timestamp(TimeUnit.MICROSECOND, 'UTC'), day: dateDay(), num_text: utf8(),
      },
    },
  );

describe('arrow ingestor', () => {
  it('maps Arrow types: numbers and booleans typed, strings/dictionaries inferred, dates and timestamps as ISO', async () => {
    for (const format of ['file', 'stream'] as const) {
      const f = await arrowIngestor.read(write(tableToIPC(sample(), { format })!, format === 'file' ? 'arrow' : 'ipc'), {}, defaultContext());
      expect(Object.fromEntries(f.schema.map((c) => [c.name, c.type]))).toEqual({
        i32: 'numeric', i64: 'numeric', f32: 'numeric', b: 'boolean', cat: 'categorical', dict: 'categorical',
        ts: 'datetime', tsz: 'datetime', day: 'datetime', num_text: 'numeric',
      });
      expect(Array.from(f.numeric('i32'))).toEqual([1, NaN, 3, 4]);
      expect(Array.from(f.numeric('i64'))).toEqual([10, 20, NaN, 40]);
      expect(Array.from(f.numeric('b'))).toEqual([1, 0, NaN, 1]);
      expect(f.strings('dict')).toEqual(['x', 'y', 'x', null]);
      expect(f.strings('ts')).toEqual(['2024-01-31T13:45:00', '2024-01-31T14:45:00', null, '2024-01-31T13:45:01']);
      expect(f.strings('tsz')[2]).toBe('2024-01-31T13:46:00Z');
      expect(f.strings('day')).toEqual(['2024-02-29', '2024-03-01', null, '2024-03-02']);
      expect(Array.from(f.numeric('num_text'))).toEqual([1.5, 2, 3, NaN]);
    }
  });

  it('overrides apply; canRead goes by extension', async () => {
    const f = await arrowIngestor.read(write(tableToIPC(sample(), { format: 'file' })!), { types: { i32: 'categorical', cat: 'text' } }, defaultContext());
    expect(f.strings('i32')).toEqual(['1', null, '3', '4']);
    expect(f.typeOf('cat')).toBe('text');
    expect(['a.arrow', 'b.FEATHER', 'c.ipc'].map((s) => arrowIngestor.canRead(s))).toEqual([true, true, true]);
    expect(arrowIngestor.canRead('d.parquet')).toBe(false);
  });

  it('bad input: missing, empty, garbage, truncated and row-less files, each one line naming the file', async () => {
    const missing = await fail(join(dir, 'nope.arrow'));
    expect(missing).toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('nope.arrow') });
    expect(await fail(write(new Uint8Array(0)))).toMatchObject({ code: 'EMPTY_FILE' });
    const garbage = write(Buffer.from('this is not arrow at all, just text\n'));
    const g = await fail(garbage);
    expect(g).toMatchObject({ code: 'PARSE_ERROR', message: expect.stringContaining(garbage) });
    const bytes = tableToIPC(sample(), { format: 'file' })!;
    const cut = write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    const t = await fail(cut);
    expect(t).toMatchObject({ code: 'PARSE_ERROR', message: expect.stringContaining(cut) });
    expect(t!.message).not.toContain('\n');
    const empty = tableFromArrays({ a: [] as number[] }, { types: { a: int32() } });
    expect(await fail(write(tableToIPC(empty, { format: 'file' })!))).toMatchObject({ code: 'NO_ROWS' });
  });
});
