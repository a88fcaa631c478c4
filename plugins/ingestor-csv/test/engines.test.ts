// The DuckDB engine must give the frames (names, types, values, missing cells) and errors of the csv-parse
// engine. Each case reads one file with both and compares; the log says which engine produced the frame, so
// the cases DuckDB should take are checked to have been read by it (not passed by falling back).
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AutopipeError, type ColumnType, type Frame, type ReadOptions, type RunContext } from '@autopipe/core';
import { collectStream, frameRows } from '@autopipe/testkit';
import { csvIngestorWith } from '../src/csv-ingestor.js';
import { DUCKDB_MIN_BYTES } from '../src/engine.js';
import { fixtureDir } from './helpers.js';

const fx = fixtureDir();
const duck = csvIngestorWith('duckdb');
const js = csvIngestorWith('csv-parse');

/** A context whose logger records which engine read each file. */
function recording(): { ctx: RunContext; engines: string[] } {
  const engines: string[] = [];
  const debug = (_msg: string, data?: Record<string, unknown>) => {
    if (typeof data?.engine === 'string') engines.push(data.engine);
  };
  return { ctx: { seed: 1, logger: { debug, info: () => {}, warn: () => {} } }, engines };
}

const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');

/** Reads `content` with both engines; returns both frames and the engine DuckDB's reading ended up with. */
async function both(content: string | Buffer, options: ReadOptions = {}, name?: string): Promise<{ a: Frame; b: Frame; engine: string }> {
  const path = fx.write(content, name);
  const rec = recording();
  const a = await duck.read(path, options, rec.ctx);
  const b = await js.read(path, options, recording().ctx);
  return { a, b, engine: rec.engines.at(-1)! };
}

function expectSame(a: Frame, b: Frame): void {
  expect(frameRows(a)).toEqual(frameRows(b));
  for (const name of b.names) expect(Object.prototype.toString.call(a.column(name))).toBe(Object.prototype.toString.call(b.column(name)));
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AutopipeError ? { code: e.code, message: e.message } : e),
  );

/** Quoted commas and newlines, doubled quotes, missing markers, exponents, leading zeros, booleans, dates, long and non-ASCII text. */
function tricky(sep = ',', eol = '\n'): string {
  const head = ['row', 'zero_padded', 'sci', 'flag', 'when', 'day', 'city', 'note', 'mixed', 'constant', 'code'].join(sep);
  const body = Array.from({ length: 60 }, (_, i) =>
    [
      String(i + 1),
      String(i % 7).padStart(3, '0'),
      ['1e3', '-2.5E-2', '+4', '.5', '5.', '12345678901234567890'][i % 6],
      i % 11 === 0 ? 'NA' : ['true', 'FALSE', 'True'][i % 3],
      i % 13 === 0 ? '' : `2024-0${1 + (i % 9)}-1${i % 10} 0${i % 10}:${10 + (i % 50)}`,
      i % 5 === 0 ? '?' : `${1 + (i % 28)}/0${1 + (i % 9)}/2023`,
      ['Zürich', '東京都千代田区丸の内', 'São Paulo', ' Kraków ', 'N/A'][i % 5],
      i % 4 === 0 ? `"said ""hi""${sep} then${eol}left — ${i}"` : `plain words number ${i} and a fairly long tail to pass 36 bytes`,
      i < 40 ? String(i * 3) : `x${i}`,
      '1.0',
      i % 9 === 0 ? 'null' : `A${i % 4}`,
    ].join(sep),
  );
  return `${head}${eol}${body.join(eol)}${eol}`;
}

describe('DuckDB engine = csv-parse engine', () => {
  it.each([
    ['CSV', tricky(), undefined],
    ['CRLF', tricky(',', '\r\n'), undefined],
    ['CR', tricky(',', '\r'), undefined],
    ['TSV', tricky('\t'), 'data.tsv'],
    ['semicolons', tricky(';'), undefined],
    ['BOM', `\uFEFF${tricky()}`, undefined],
  ])('reads %s the same, through DuckDB', async (_label, content, name) => {
    const { a, b, engine } = await both(content, {}, name);
    expect(engine).toBe('duckdb');
    expectSame(a, b);
    // The cases meant to be hard are really there.
    expect(b.typeOf('zero_padded')).toBe('numeric');
    expect(b.typeOf('row')).toBe('id');
    expect(b.typeOf('flag')).toBe('boolean');
    expect(b.typeOf('when')).toBe('datetime');
    expect(b.typeOf('mixed')).toBe('id');
    expect(b.typeOf('constant')).toBe('constant');
    expect(b.numeric('sci')[5]).toBe(Number('12345678901234567890'));
    const eol = content.includes('\r\n') ? '\r\n' : content.includes('\r') ? '\r' : '\n';
    expect(b.strings('note')[0]).toBe(`said "hi"${content.includes('\t') ? '\t' : content.includes(';') ? ';' : ','} then${eol}left — 0`);
    expect(b.strings('city')[3]).toBe('Kraków');
    expect(b.strings('city')[4]).toBeNull();
  });

  it('keeps missing markers, overrides and a blank line between rows the same', async () => {
    const content = `a,b,c\n1,x,0\n,NA,1\n\n3, ? ,1\n4,y,0\n`;
    for (const options of [{}, { missing: ['NA'] }, { types: { a: 'categorical' as ColumnType, c: 'boolean' as ColumnType } }]) {
      const { a, b, engine } = await both(content, options);
      expect(engine).toBe('duckdb');
      expectSame(a, b);
    }
  });

  it('reads missing numbers off DuckDB\'s validity masks, across chunks, through DuckDB', async () => {
    // 5,000 rows span three DuckDB chunks; every 7th value is empty, every 11th a marker.
    const content = `a,b,c\n${rows(5000, (i) => `${i},${i % 7 === 3 ? '' : i % 11 === 5 ? 'NA' : (i * 0.25).toFixed(2)},x${i % 3}`)}\n`;
    const { a, b, engine } = await both(content);
    expect(engine).toBe('duckdb');
    expectSame(a, b);
    const col = a.column('b') as Float64Array;
    expect(a.schema[1].type).toBe('numeric');
    expect([col[3], col[5], col[4097], col[4100], col[4101]]).toEqual([NaN, NaN, NaN, 1025, 1025.25]);
    expect(col.filter((x) => Number.isNaN(x)).length).toBe(Array.from({ length: 5000 }, (_, i) => i % 7 === 3 || i % 11 === 5).filter(Boolean).length);
  });

  it('keeps short text as dictionary codes while it can: thousands of levels, padded twins, a column that outgrows the cache', async () => {
    // zip: 3,000 levels (the code cache grows several times); unique: 12,000 distinct short values (past the
    // cache's 8,192, so the column turns to strings part-way); twin: " a" and "a" are one level; flag: booleans;
    // late: short codes, then one long cell in the last chunk.
    const content = `zip,unique,twin,flag,late\n${rows(12_000, (i) => [`Z${(i * 7919) % 3000}`, `u${i}`, i % 3 ? 'a' : ' a', i % 5 ? 'TRUE' : 'false', i === 11_999 ? 'a much longer final value' : `L${i % 4}`].join(','))}\n`;
    const { a, b, engine } = await both(content);
    expect(engine).toBe('duckdb');
    expectSame(a, b);
    expect(a.schema.map((c) => c.type)).toEqual(['high_cardinality', 'id', 'constant', 'boolean', 'categorical']);
  });

  it('matches csv-parse where DuckDB must hand over: padded markers, inf, numeric markers, stray quotes, one column', async () => {
    const cases: [string, ReadOptions][] = [
      [`a,b\n1, NA \n2,3\n`, {}],
      [`a,b\n1,inf\n2,3\n`, {}],
      [`a,b\n1,nan\n2,3\n`, { missing: [''] }],
      [`a,b\n1,-999\n2, -999\n3,4\n`, { missing: ['-999'] }],
      [`a,b\n1,12" pizza\n2,ok\n`, {}],
      [`a,b\n1, "x"\n2,z\n`, {}],
      [`a,b\n1,"x" \n2,z\n`, {}],
      [`a;b\n1;x\n2;y\n`, { delimiter: ';' }],
      [`a::b\n1::x\n2::y\n`, { delimiter: '::' }],
      [`a\n1\n\n2\n`, {}],
      [`a,b\n${rows(30_000, (i) => `${i},${i}`)}\n30000,later text\n`, {}],
    ];
    for (const [content, options] of cases) {
      const { a, b } = await both(content, options);
      expectSame(a, b);
    }
  });

  it('reads a header longer than the first 64 KiB the same (csv-parse reads it)', async () => {
    const names = Array.from({ length: 6000 }, (_, j) => `column_${String(j).padStart(5, '0')}`);
    const { a, b } = await both(`${names.join(',')}\n${names.map((_, j) => j).join(',')}\n${names.map((_, j) => j % 7).join(',')}\n`);
    expectSame(a, b);
    expect(a.names).toEqual(names);
  });

  it('picks DuckDB from DUCKDB_MIN_BYTES up when left to itself', async () => {
    const line = (i: number) => `${i},${i % 10},word${i % 7},${i % 3 === 0}`;
    const small = fx.write(`a,b,c,d\n${rows(100, line)}\n`);
    const large = fx.write(`a,b,c,d\n${rows(Math.ceil(DUCKDB_MIN_BYTES / 16), line)}\n`);
    expect(statSync(large).size).toBeGreaterThanOrEqual(DUCKDB_MIN_BYTES);
    const auto = csvIngestorWith('auto');
    const seen: string[][] = [];
    for (const path of [small, large]) {
      const rec = recording();
      await auto.read(path, {}, rec.ctx);
      seen.push(rec.engines);
    }
    expect(seen).toEqual([['csv-parse'], ['duckdb']]);
  });

  it.each([
    ['empty file', ''],
    ['header only', 'a,b\n'],
    ['a ragged row (first bad line named)', `a,b\n1,2\n3,4,5\n6\n`],
    ['a ragged row after DuckDB sniffed', `a,b\n${rows(30_000, (i) => `${i},x`)}\n1,2,3\n`],
    ['invalid UTF-8', Buffer.concat([Buffer.from('a,b\n1,caf'), Buffer.from([0xe9]), Buffer.from('\n2,x\n')])],
    ['a NUL byte late in the file', `a,b\n${rows(5000, (i) => `${i},x`)}\n1,x\u0000y\n`],
    ['binary garbage', Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37) % 32))],
    ['a repeated header name', 'a,a\n1,2\n'],
    ['a blank header name', 'a,,c\n1,2,3\n'],
    ['an unclosed quote', 'a,b\n1,"open\n2,3\n'],
  ])('fails the same on %s', async (_label, content) => {
    const path = fx.write(content);
    const ours = await errorOf(duck.read(path, {}, recording().ctx));
    expect(ours).not.toBeNull();
    expect(ours).toEqual(await errorOf(js.read(path, {}, recording().ctx)));
  });

  it('fails the same on a type override that does not convert (row and line named)', async () => {
    const path = fx.write(`a,b\n1,x\n2,"two\nlines"\n3,oops\n`);
    const options = { types: { a: 'numeric' as ColumnType, b: 'boolean' as ColumnType } };
    const ours = await errorOf(duck.read(path, options, recording().ctx));
    expect(ours).toMatchObject({ code: 'PARSE_ERROR' });
    expect(ours).toEqual(await errorOf(js.read(path, options, recording().ctx)));
  });
});

describe('DuckDB engine streams the csv-parse batches', () => {
  it('gives the same batches, types fixed by the first one, ids kept as written', async () => {
    const content = `n,id,score,flag,city\n${rows(95, (i) => `${i + 1},${String(i + 1).padStart(4, '0')},${i % 9 === 0 ? 'NA' : (i * 0.25).toFixed(2)},${i % 2 === 0},${['a', 'b', 'c'][i % 3]}`)}\n`;
    const path = fx.write(content);
    const rec = recording();
    const a = await collectStream(duck, path, { batchRows: 20 }, rec.ctx);
    const b = await collectStream(js, path, { batchRows: 20 }, recording().ctx);
    expect(rec.engines).toEqual(['duckdb']);
    expect(a).toEqual(b);
    expect(b.batches).toEqual([20, 20, 20, 20, 15]);
    expect(b.columns.id[50]).toBe('0051');
  });

  it('hands the same batches out before the same error when a late row is ragged', async () => {
    const path = fx.write(`a,b\n${rows(30_000, (i) => `${i},${i % 3}`)}\n7,8,9\n`);
    const take = async (def: typeof duck) => {
      const sizes: number[] = [];
      const error = await errorOf(
        (async () => {
          for await (const f of def.stream!(path, { batchRows: 7000 }, recording().ctx)) sizes.push(f.nrow);
        })(),
      );
      return { sizes, error };
    };
    const ours = await take(duck);
    expect(ours.error).toMatchObject({ code: 'RAGGED_ROW' });
    expect(ours).toEqual(await take(js));
  });
});
