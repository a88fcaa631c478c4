import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutopipeError, defaultContext, type ColumnType } from '@autopipe/core';
import { collectStream, frameRows } from '@autopipe/testkit';
import { postgresIngestor } from '../src/postgres-ingestor.js';
import { startServer, type TestServer } from '@autopipe/test-servers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  await server.exec(`
    CREATE TABLE people (id integer, age double precision, city text, member boolean, joined date, note text);
    INSERT INTO people SELECT g, CASE WHEN g % 17 = 0 THEN NULL ELSE 18 + (g * 7) % 60 + (g % 3) * 0.5 END,
      (array['Paris', 'Lyon', 'Nice', 'NA'])[g % 4 + 1], g % 5 = 0, date '2024-01-01' + g % 300, 'note ' || (g % 13)
    FROM generate_series(1, 2500) AS g;
    CREATE TABLE bad (age text);
    INSERT INTO bad SELECT CASE WHEN g = 250 THEN 'old' ELSE g::text END FROM generate_series(1, 300) AS g;
    CREATE TABLE empty (a int);`);
}, 120_000);
afterAll(() => server?.stop());

const ctx = defaultContext(1);
const TYPES: Record<string, ColumnType> = { id: 'numeric', age: 'numeric', city: 'categorical', member: 'boolean', joined: 'datetime', note: 'text' };

async function failure(p: Promise<unknown>): Promise<AutopipeError> {
  const e = await p.then(() => null, (err: unknown) => err);
  if (!(e instanceof AutopipeError)) throw new Error(`expected an AutopipeError, got ${String(e)}`);
  return e;
}

describe('postgres stream', () => {
  it('batches concatenated equal read (types given), with the requested batch sizes', async () => {
    const query = 'SELECT * FROM people ORDER BY id';
    const got = await collectStream(postgresIngestor, server.url(), { query, types: TYPES, batchRows: 600 }, ctx);
    expect(got.batches).toEqual([600, 600, 600, 600, 100]);
    expect({ names: got.names, types: got.types, columns: got.columns }).toEqual(frameRows(await postgresIngestor.read(server.url(), { query, types: TYPES }, ctx)));
    expect(got.columns.city.slice(0, 4)).toEqual(['Lyon', 'Nice', null, 'Paris']);
  });

  it('without types, later batches keep the first batch types; an exact multiple ends cleanly', async () => {
    const query = 'SELECT * FROM people WHERE id <= 2000 ORDER BY id';
    const got = await collectStream(postgresIngestor, server.url(), { query, batchRows: 500 }, ctx);
    const whole = frameRows(await postgresIngestor.read(server.url(), { query }, ctx));
    expect(got.batches).toEqual([500, 500, 500, 500]);
    expect(got.types).toEqual(whole.types);
    expect(got.columns).toEqual(whole.columns);
  });

  it('stopping early closes the cursor and the connection', async () => {
    for await (const b of postgresIngestor.stream!(server.url({ table: 'people' }), { batchRows: 100 }, ctx)) {
      expect(b.nrow).toBe(100);
      break;
    }
    const got = await collectStream(postgresIngestor, server.url({ table: 'people' }), { batchRows: 1000 }, ctx);
    expect(got.batches).toEqual([1000, 1000, 500]);
  });

  it('a value that does not fit its type names its row in the whole result; missing tables and empty results fail like read', async () => {
    // A freshly filled heap table is scanned in insertion order.
    const err = await failure(collectStream(postgresIngestor, server.url({ table: 'bad' }), { types: { age: 'numeric' }, batchRows: 100 }, ctx));
    expect(err.code).toBe('PARSE_ERROR');
    expect(err.message).toContain('column "age" is declared numeric but row 250 holds "old"');
    const missing = await failure(collectStream(postgresIngestor, server.url({ table: 'nope' }), { batchRows: 10 }, ctx));
    const readMissing = await failure(postgresIngestor.read(server.url({ table: 'nope' }), {}, ctx));
    expect(missing.code).toBe(readMissing.code);
    expect(missing.message).toBe(readMissing.message);
    expect((await failure(collectStream(postgresIngestor, server.url({ table: 'empty' }), { batchRows: 10 }, ctx))).code).toBe('NO_ROWS');
  });
});
