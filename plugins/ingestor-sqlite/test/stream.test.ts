import { describe, expect, it } from 'vitest';
import { AutopipeError, defaultContext, type ColumnType } from '@autopipe/core';
import { collectStream, frameRows } from '@autopipe/testkit';
import { sqliteIngestor } from '../src/sqlite-ingestor.js';
import { fixtureDir } from './helpers.js';

const fx = fixtureDir();
const ctx = defaultContext(1);

const TYPES: Record<string, ColumnType> = { id: 'id', age: 'numeric', city: 'categorical', member: 'boolean', joined: 'datetime', note: 'text' };

function people(rows: number): string {
  return fx.db((db) => {
    db.exec('CREATE TABLE people (id INTEGER, age REAL, city TEXT, member BOOLEAN, joined DATE, note TEXT)');
    const insert = db.prepare('INSERT INTO people VALUES (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < rows; i++) {
        insert.run(i + 1, i % 17 === 0 ? null : 18 + ((i * 7) % 60) + (i % 3) * 0.5, ['Paris', 'Lyon', 'Nice', 'NA'][i % 4], i % 5 === 0 ? 1 : 0,
          `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, `note ${i % 13}`);
      }
    })();
  });
}

async function failure(p: Promise<unknown>): Promise<AutopipeError> {
  const e = await p.then(() => null, (err: unknown) => err);
  if (!(e instanceof AutopipeError)) throw new Error(`expected an AutopipeError, got ${String(e)}`);
  return e;
}

describe('sqlite stream', () => {
  it('batches concatenated equal read (types given), with the requested batch sizes', async () => {
    const source = `sqlite:${people(2500)}?table=people`;
    const got = await collectStream(sqliteIngestor, source, { types: TYPES, batchRows: 600 }, ctx);
    expect(got.batches).toEqual([600, 600, 600, 600, 100]);
    expect({ names: got.names, types: got.types, columns: got.columns }).toEqual(frameRows(await sqliteIngestor.read(source, { types: TYPES }, ctx)));
    expect(got.columns.city[1]).toBe('Lyon');
    expect(got.columns.city[3]).toBeNull();
  });

  it('without types, later batches keep the first batch types (BOOLEAN columns stay booleans)', async () => {
    const source = `sqlite:${people(2000)}?table=people`;
    const whole = frameRows(await sqliteIngestor.read(source, {}, ctx));
    const got = await collectStream(sqliteIngestor, source, { batchRows: 900 }, ctx);
    expect(got.batches).toEqual([900, 900, 200]);
    expect(got.types).toEqual(whole.types);
    expect(got.types.member).toBe('boolean');
    expect(got.columns).toEqual(whole.columns);
  });

  it('streams a query, and stopping early closes the database', async () => {
    const path = people(1000);
    const query = 'SELECT id, age FROM people WHERE id % 2 = 0 ORDER BY id';
    const got = await collectStream(sqliteIngestor, path, { query, batchRows: 200, types: { id: 'numeric' } }, ctx);
    expect(got.batches).toEqual([200, 200, 100]);
    expect(got.columns.id.slice(0, 3)).toEqual([2, 4, 6]);
    for await (const b of sqliteIngestor.stream!(`${path}?table=people`, { batchRows: 10 }, ctx)) {
      expect(b.nrow).toBe(10);
      break;
    }
  });

  it('a value that does not fit its type names its row in the whole result; errors match read', async () => {
    const path = people(300);
    const bad = fx.db((db) => {
      db.exec(`ATTACH '${path}' AS src; CREATE TABLE people AS SELECT * FROM src.people; UPDATE people SET age = 'old' WHERE id = 250;`);
    });
    const err = await failure(collectStream(sqliteIngestor, `sqlite:${bad}?table=people`, { batchRows: 100, types: { age: 'numeric' } }, ctx));
    expect(err.code).toBe('PARSE_ERROR');
    expect(err.message).toContain('column "age" is declared numeric but row 250 holds "old"');
    const unknown = await failure(collectStream(sqliteIngestor, `sqlite:${path}?table=nope`, { batchRows: 10 }, ctx));
    expect(unknown.code).toBe((await fx.fail(`sqlite:${path}?table=nope`)).code);
    const empty = fx.db((db) => db.exec('CREATE TABLE t (a REAL)'));
    expect((await failure(collectStream(sqliteIngestor, `sqlite:${empty}?table=t`, { batchRows: 10 }, ctx))).code).toBe('NO_ROWS');
    expect((await failure(collectStream(sqliteIngestor, `sqlite:${path}?table=people`, { batchRows: 1.5 }, ctx))).code).toBe('INVALID_ARGUMENT');
  });
});
