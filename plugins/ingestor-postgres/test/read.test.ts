import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContext, type ReadOptions } from '@autopipe/core';
import { postgresIngestor, readPostgres } from '../src/postgres-ingestor.js';
import { startServer, type TestServer } from '@autopipe/test-servers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  await server.exec(`
    CREATE TABLE types (
      i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision, num numeric(12, 3), flag boolean,
      d date, ts timestamp, tstz timestamptz, cat text, code varchar(10), fixed char(5), words text, konst text, u uuid, js jsonb);
    INSERT INTO types SELECT
      g % 5, CASE WHEN g % 3 = 0 THEN NULL ELSE g * 10 END, 10000000000 + g * 2, g / 4.0, g * 0.1, g * 1.5,
      CASE WHEN g = 5 THEN NULL ELSE g % 2 = 1 END,
      date '2024-01-01' + g, timestamp '2024-02-03 10:00' + g * interval '1 minute', timestamptz '2024-02-03 10:00:00+02' + g * interval '1 hour',
      (array['red', 'green', 'blue'])[g % 3 + 1], 'C-' || (1000 + g), (array['ab', 'cd'])[g % 2 + 1], 'row number ' || g || ' has several words',
      'same', md5(g::text)::uuid, jsonb_build_object('k', g)
    FROM generate_series(0, 24) AS g;
    CREATE SCHEMA sales;
    CREATE TABLE sales."Orders" (amount numeric);
    INSERT INTO sales."Orders" VALUES (1.25), (2.5);
    CREATE TABLE "we""ird" (a int); INSERT INTO "we""ird" VALUES (1), (2);
    CREATE TABLE "select" (a int); INSERT INTO "select" VALUES (3), (4);
    CREATE TABLE big (k bigint, v double precision, s text);
    INSERT INTO big SELECT 2 * g, CASE WHEN g % 7 = 0 THEN NULL ELSE g / 2.0 END, 'g' || (g % 4) FROM generate_series(0, 69999) AS g;`);
}, 120_000);
afterAll(() => server?.stop());

const read = (source: string, options: ReadOptions = {}, batchSize?: number) => readPostgres(source, options, defaultContext(1), { batchSize });

describe('postgres type mapping', () => {
  it('maps numeric, boolean and date types and infers text columns', async () => {
    const f = await read(server.url({ table: 'types' }));
    expect(f.schema.map((c) => `${c.name}:${c.type}`)).toEqual([
      'i2:numeric', 'i4:numeric', 'i8:numeric', 'f4:numeric', 'f8:numeric', 'num:numeric', 'flag:boolean',
      'd:datetime', 'ts:datetime', 'tstz:datetime', 'cat:categorical', 'code:id', 'fixed:categorical', 'words:text', 'konst:constant', 'u:id', 'js:id',
    ]);
    expect(Array.from(f.numeric('i4').subarray(0, 5))).toEqual([NaN, 10, 20, NaN, 40]);
    expect(f.numeric('i8')[24]).toBe(10000000048);
    expect(f.numeric('f4')[3]).toBe(0.75);
    expect(f.numeric('f8')[3]).toBeCloseTo(0.3, 15);
    expect(f.numeric('num')[3]).toBe(4.5);
    expect(Array.from(f.numeric('flag').subarray(0, 6))).toEqual([0, 1, 0, 1, 0, NaN]);
    expect(f.strings('d')[1]).toBe('2024-01-02');
    expect(f.strings('ts')[3]).toBe('2024-02-03T10:03:00');
    // 10:00 at +02:00 is 08:00 UTC, whatever the server's or the client's time zone.
    expect(f.strings('tstz')[0]).toBe('2024-02-03T08:00:00Z');
    expect(f.strings('cat').slice(0, 4)).toEqual(['red', 'green', 'blue', 'red']);
    expect(f.strings('fixed').slice(0, 2)).toEqual(['ab', 'cd']);
    expect(f.strings('js')[0]).toBe('{"k": 0}');
  });

  it('applies type overrides and missing markers', async () => {
    const f = await read(server.url({ table: 'types' }), { types: { flag: 'categorical', i2: 'categorical', cat: 'text' }, missing: ['red'] });
    expect(f.strings('flag').slice(0, 2)).toEqual(['false', 'true']);
    expect(f.strings('i2').slice(0, 2)).toEqual(['0', '1']);
    expect(f.typeOf('cat')).toBe('text');
    expect(f.strings('cat').slice(0, 4)).toEqual([null, 'green', 'blue', null]);
  });
});

describe('postgres queries, batches and names', () => {
  it('runs a query instead of reading a table, in the query order', async () => {
    const f = await read(server.url(), { query: 'SELECT i4 * 2 AS twice, cat FROM types WHERE i4 IS NOT NULL ORDER BY i4 DESC LIMIT 3' });
    expect(f.names).toEqual(['twice', 'cat']);
    expect(Array.from(f.numeric('twice'))).toEqual([460, 440, 400]);
    expect(postgresIngestor.canRead(server.url())).toBe(true);
    expect(postgresIngestor.canRead(server.url().replace('postgres://', 'postgresql://'))).toBe(true);
    expect(postgresIngestor.canRead('data/x.csv')).toBe(false);
  });

  it('gives the same frame whatever the batch size, including sizes that divide the row count', async () => {
    const whole = await read(server.url({ table: 'types' }));
    for (const batch of [1, 7, 25, 5]) {
      const f = await read(server.url({ table: 'types' }), {}, batch);
      expect(f.schema).toEqual(whole.schema);
      for (const name of whole.names) expect(Array.from(f.column(name) as ArrayLike<unknown>), `${name} @${batch}`).toEqual(Array.from(whole.column(name) as ArrayLike<unknown>));
    }
  });

  it('streams 70,000 rows in 10,000-row batches past the column builders\' block boundaries', async () => {
    const f = await read(server.url({ table: 'big' }));
    expect(f.nrow).toBe(70_000);
    const k = f.numeric('k');
    const v = f.numeric('v');
    for (const i of [0, 9_999, 10_000, 65_535, 65_536, 69_999]) {
      expect(k[i]).toBe(2 * i);
      expect(v[i]).toBe(i % 7 === 0 ? NaN : i / 2);
      expect(f.strings('s')[i]).toBe(`g${i % 4}`);
    }
  });

  it('quotes table names: schema.name, case, odd characters, and injection attempts are just unknown tables', async () => {
    const col = async (table: string, name: string) => Array.from((await read(server.url({ table }))).numeric(name));
    expect(await col('sales.Orders', 'amount')).toEqual([1.25, 2.5]);
    expect(await col('"we""ird"', 'a')).toEqual([1, 2]);
    expect(await col('select', 'a')).toEqual([3, 4]);
    expect(await col('public.select', 'a')).toEqual([3, 4]);
    const e = await read(server.url({ table: 'types; DROP TABLE types' })).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'UNKNOWN_TABLE' });
    expect((await read(server.url({ table: 'types' }))).nrow).toBe(25);
  });

  it('reads inside a read-only transaction, so a query cannot change data', async () => {
    const e = await read(server.url(), { query: 'DELETE FROM types RETURNING *' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((e as Error).message).toContain('only reads');
    expect((await read(server.url({ table: 'types' }))).nrow).toBe(25);
  });
});
