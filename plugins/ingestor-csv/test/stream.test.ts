import { describe, expect, it } from 'vitest';
import { AutopipeError, defaultContext, type ColumnType } from '@autopipe/core';
import { collectStream, frameRows } from '@autopipe/testkit';
import { csvIngestor } from '../src/csv-ingestor.js';
import { fixtureDir } from './helpers.js';

const fx = fixtureDir();
const ctx = defaultContext(1);

/** A few thousand rows of mixed columns: numbers with gaps, categories, booleans, dates and quoted text with newlines. */
function mixedCsv(rows: number, sep = ','): string {
  const lines = [['id', 'age', 'city', 'member', 'joined', 'note'].join(sep)];
  for (let i = 0; i < rows; i++) {
    const age = i % 17 === 0 ? 'NA' : String(18 + ((i * 7) % 60) + (i % 3) * 0.5);
    const city = ['Paris', 'Lyon', 'Nice', ''][i % 4];
    const member = i % 5 === 0 ? 'true' : 'false';
    const joined = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const note = i % 9 === 0 ? `"line one\nline ""two"" ${i}"` : `n${i % 13}`;
    lines.push([String(i + 1), age, city, member, joined, note].join(sep));
  }
  return lines.join('\n') + '\n';
}

const TYPES: Record<string, ColumnType> = { id: 'id', age: 'numeric', city: 'categorical', member: 'boolean', joined: 'datetime', note: 'text' };

async function failure(p: Promise<unknown>): Promise<AutopipeError> {
  const e = await p.then(() => null, (err: unknown) => err);
  if (!(e instanceof AutopipeError)) throw new Error(`expected an AutopipeError, got ${String(e)}`);
  return e;
}

describe('csv stream', () => {
  it('batches concatenated equal read (types given), with the requested batch sizes', async () => {
    const path = fx.write(mixedCsv(3000));
    const whole = frameRows(await csvIngestor.read(path, { types: TYPES }, ctx));
    const got = await collectStream(csvIngestor, path, { types: TYPES, batchRows: 700 }, ctx);
    expect(got.batches).toEqual([700, 700, 700, 700, 200]);
    expect({ names: got.names, types: got.types, columns: got.columns }).toEqual(whole);
    expect(got.columns.note[9]).toBe('line one\nline "two" 9');
  });

  it('files spanning several read chunks (over 1 MiB) stream in exact batches equal to read', async () => {
    const path = fx.write(mixedCsv(40_000));
    const got = await collectStream(csvIngestor, path, { types: TYPES, batchRows: 7000 }, ctx);
    expect(got.batches).toEqual([7000, 7000, 7000, 7000, 7000, 5000]);
    expect({ names: got.names, types: got.types, columns: got.columns }).toEqual(frameRows(await csvIngestor.read(path, { types: TYPES }, ctx)));
  });

  it('without types, later batches keep the types the first batch inferred', async () => {
    const path = fx.write(mixedCsv(2500));
    const whole = await csvIngestor.read(path, {}, ctx);
    const got = await collectStream(csvIngestor, path, { batchRows: 1000 }, ctx);
    expect(got.batches).toEqual([1000, 1000, 500]);
    expect(got.types).toEqual(frameRows(whole).types);
    expect(got.types).toMatchObject({ id: 'id', age: 'numeric', city: 'categorical', member: 'boolean', joined: 'datetime' });
    expect(got.columns.age).toEqual(Array.from(whole.numeric('age')));
    expect(got.columns.joined).toEqual(Array.from(whole.strings('joined')));
  });

  it('reads ;-delimited files with a BOM, CRLF line ends and custom missing markers like read', async () => {
    const text = '\uFEFF' + mixedCsv(50, ';').replace(/\n(?![^"]*"(?:[^"]*"[^"]*")*[^"]*$)/g, '\r\n').replace(/;Lyon;/g, ';-;');
    const path = fx.write(text);
    const options = { missing: ['-', 'NA', ''], types: TYPES };
    const got = await collectStream(csvIngestor, path, { ...options, batchRows: 16 }, ctx);
    expect(got.batches).toEqual([16, 16, 16, 2]);
    expect(got.names[0]).toBe('id');
    expect(got.columns.city[1]).toBeNull();
    expect({ names: got.names, types: got.types, columns: got.columns }).toEqual(frameRows(await csvIngestor.read(path, options, ctx)));
  });

  it('a ragged row after several batches fails naming its line', async () => {
    const lines = mixedCsv(100).split('\n');
    const at = lines.findIndex((l) => l.startsWith('80,'));
    lines[at] = `${lines[at]},extra`;
    const path = fx.write(lines.join('\n'));
    const err = await failure(collectStream(csvIngestor, path, { batchRows: 20, types: TYPES }, ctx));
    expect(err.code).toBe('RAGGED_ROW');
    expect(err.message).toContain(`line ${at + 1}:`);
    expect(err.message).toContain('found 7 fields but the header has 6');
  });

  it('a cell that does not fit its type names the row in the whole file and its line', async () => {
    const lines = mixedCsv(100).split('\n');
    const at = lines.findIndex((l) => l.startsWith('65,'));
    lines[at] = lines[at].replace(/^65,[^,]*,/, '65,old,');
    const path = fx.write(lines.join('\n'));
    const err = await failure(collectStream(csvIngestor, path, { batchRows: 30, types: TYPES }, ctx));
    expect(err.code).toBe('PARSE_ERROR');
    expect(err.message).toContain(`column "age" is declared numeric but row 65 (line ${at + 1}) holds "old"`);
  });

  it('stopping early closes the file; bad batch sizes, unknown overrides and empty files fail like read', async () => {
    const path = fx.write(mixedCsv(500));
    for await (const b of csvIngestor.stream!(path, { batchRows: 100 }, ctx)) {
      expect(b.nrow).toBe(100);
      break;
    }
    expect((await failure(collectStream(csvIngestor, path, { batchRows: 0 }, ctx))).code).toBe('INVALID_ARGUMENT');
    const unknown = await failure(collectStream(csvIngestor, path, { batchRows: 10, types: { nope: 'numeric' } }, ctx));
    expect(unknown.code).toBe('UNKNOWN_COLUMN');
    expect((await failure(collectStream(csvIngestor, fx.write(''), { batchRows: 10 }, ctx))).code).toBe('EMPTY_FILE');
    expect((await failure(collectStream(csvIngestor, fx.write('a,b\n'), { batchRows: 10 }, ctx))).code).toBe('NO_ROWS');
  });
});
