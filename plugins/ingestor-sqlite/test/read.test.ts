import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureDir } from './helpers.js';
import { sqliteIngestor } from '../src/sqlite-ingestor.js';

const fx = fixtureDir();

const mixed = fx.db((d) => {
  d.exec(`CREATE TABLE m (
    i INTEGER, r REAL, n NUMERIC, b BOOLEAN, d DATE, ts DATETIME, epoch TIMESTAMP,
    cat TEXT, code VARCHAR(10), words TEXT, konst TEXT, nums_as_text TEXT, untyped)`);
  const ins = d.prepare('INSERT INTO m VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)');
  d.exec('BEGIN');
  for (let i = 0; i < 25; i++) {
    ins.run(
      i % 3 === 0 ? null : i * 10, i / 4, i % 5, i % 2, `2024-01-${String(i + 1).padStart(2, '0')}`, `2024-02-03 10:${String(i).padStart(2, '0')}:00`,
      i === 0 ? 0 : 86400 * i, ['red', 'green', 'blue'][i % 3], `C-${1000 + i}`, `row number ${i} has several words`, 'same', i === 4 ? null : `${i}.5`, i % 2 === 0 ? 'x' : 7,
    );
  }
  d.exec('COMMIT');
});

describe('sqlite type mapping', () => {
  it('maps declared types and infers text columns', async () => {
    const f = await fx.read(`sqlite:${mixed}?table=m`);
    expect(f.schema.map((c) => `${c.name}:${c.type}`)).toEqual([
      'i:numeric', 'r:numeric', 'n:numeric', 'b:boolean', 'd:datetime', 'ts:datetime', 'epoch:datetime',
      'cat:categorical', 'code:id', 'words:text', 'konst:constant', 'nums_as_text:numeric', 'untyped:categorical',
    ]);
    expect(Array.from(f.numeric('i').subarray(0, 5))).toEqual([NaN, 10, 20, NaN, 40]);
    expect(f.numeric('r')[6]).toBe(1.5);
    expect(Array.from(f.numeric('b').subarray(0, 4))).toEqual([0, 1, 0, 1]);
    expect(f.strings('d')[1]).toBe('2024-01-02');
    expect(f.strings('ts')[3]).toBe('2024-02-03T10:03:00');
    expect(f.strings('epoch')[0]).toBe('1970-01-01T00:00:00Z');
    expect(f.strings('epoch')[2]).toBe('1970-01-03T00:00:00Z');
    expect(f.strings('cat').slice(0, 4)).toEqual(['red', 'green', 'blue', 'red']);
    expect(Array.from(f.numeric('nums_as_text').subarray(3, 6))).toEqual([3.5, NaN, 5.5]);
    // SQLite is dynamically typed: an untyped column mixing text and integers is read as strings.
    expect(f.strings('untyped').slice(0, 3)).toEqual(['x', '7', 'x']);
  });

  it('a BOOLEAN column holding other numbers is numeric, one holding a single value is constant; an all-NULL expression is constant', async () => {
    const path = fx.db((d) => {
      d.exec('CREATE TABLE t (flag BOOLEAN, y REAL, one BOOLEAN)');
      d.prepare('INSERT INTO t VALUES (?, ?, ?)').run(0, 1, 1);
      d.prepare('INSERT INTO t VALUES (?, ?, ?)').run(2, 2, null);
      d.prepare('INSERT INTO t VALUES (?, ?, ?)').run(1, 3, 1);
    });
    const f = await fx.read(path, { query: 'SELECT flag, y, one, NULL AS empty_col FROM t' });
    expect(f.typeOf('flag')).toBe('numeric');
    expect(Array.from(f.numeric('flag'))).toEqual([0, 2, 1]);
    expect(f.typeOf('one')).toBe('constant');
    expect(f.typeOf('empty_col')).toBe('constant');
    expect(f.strings('empty_col')).toEqual([null, null, null]);
  });

  it('text columns go through the shared inference, high cardinality and default missing markers included', async () => {
    const path = fx.db((d) => {
      d.exec('CREATE TABLE t (city TEXT, note TEXT)');
      const ins = d.prepare('INSERT INTO t VALUES (?, ?)');
      d.transaction(() => {
        for (let i = 0; i < 2000; i++) ins.run(`city-${i % 200}`, i % 10 === 0 ? 'NA' : ` v${i % 3} `);
      })();
    });
    const f = await fx.read(`sqlite:${path}?table=t`);
    expect(f.typeOf('city')).toBe('high_cardinality');
    expect(f.typeOf('note')).toBe('categorical');
    expect(f.strings('note').slice(0, 3)).toEqual([null, 'v1', 'v2']);
  });

  it('applies type overrides and extra missing markers', async () => {
    const f = await fx.read(`${mixed}?table=m`, { types: { b: 'categorical', i: 'text', cat: 'text', nums_as_text: 'categorical' }, missing: ['red'] });
    expect(f.typeOf('b')).toBe('categorical');
    expect(f.strings('b').slice(0, 2)).toEqual(['false', 'true']);
    expect(f.strings('i').slice(0, 2)).toEqual([null, '10']);
    expect(f.strings('cat').slice(0, 4)).toEqual([null, 'green', 'blue', null]);
    expect(f.strings('nums_as_text')[0]).toBe('0.5');
  });
});

describe('sqlite queries and sources', () => {
  it('runs a query instead of reading a table, in the query order', async () => {
    const f = await fx.read(`sqlite:${mixed}`, { query: 'SELECT i * 2 AS twice, cat FROM m WHERE i IS NOT NULL ORDER BY i DESC LIMIT 3' });
    expect(f.names).toEqual(['twice', 'cat']);
    expect(f.typeOf('twice')).toBe('numeric');
    expect(Array.from(f.numeric('twice'))).toEqual([460, 440, 400]);
  });

  it('accepts sqlite:relative, sqlite:///absolute and plain paths', async () => {
    const rel = relative(process.cwd(), mixed);
    for (const source of [`sqlite:${rel}?table=m`, `sqlite://${mixed}?table=m`, `${mixed}?table=m`]) {
      expect(sqliteIngestor.canRead(source)).toBe(true);
      expect((await fx.read(source)).nrow).toBe(25);
    }
    expect(sqliteIngestor.canRead('data/x.db')).toBe(true);
    expect(sqliteIngestor.canRead('data/x.sqlite3?table=t')).toBe(true);
    expect(sqliteIngestor.canRead('data/x.csv')).toBe(false);
    expect(sqliteIngestor.canRead('postgres://h/db?table=t')).toBe(false);
  });

  it('streams past the column builders\' block boundaries without losing or shifting cells', async () => {
    const n = 70_000;
    const path = fx.db((d) => {
      d.exec('CREATE TABLE big (k INTEGER, v REAL, s TEXT)');
      const ins = d.prepare('INSERT INTO big VALUES (?, ?, ?)');
      d.transaction(() => {
        for (let i = 0; i < n; i++) ins.run(2 * i, i % 7 === 0 ? null : i / 2, `g${i % 4}`);
      })();
    });
    const f = await fx.read(`sqlite:${path}?table=big`);
    expect(f.nrow).toBe(n);
    const k = f.numeric('k');
    const v = f.numeric('v');
    for (const i of [0, 1, 65_535, 65_536, 65_537, n - 1]) {
      expect(k[i]).toBe(2 * i);
      expect(v[i]).toBe(i % 7 === 0 ? NaN : i / 2);
      expect(f.strings('s')[i]).toBe(`g${i % 4}`);
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += k[i];
    expect(sum).toBe(n * (n - 1));
  });

  it('quotes table names, so odd names work and injection attempts are just unknown tables', async () => {
    const path = fx.db((d) => {
      d.exec('CREATE TABLE "we""ird table" (a INTEGER)');
      d.exec('CREATE TABLE "select" (a INTEGER)');
      d.exec('CREATE TABLE "a.b" (a INTEGER)');
      d.exec('INSERT INTO "we""ird table" VALUES (1), (2)');
      d.exec('INSERT INTO "select" VALUES (3), (4)');
      d.exec('INSERT INTO "a.b" VALUES (5), (6)');
    });
    const read = async (table: string) => Array.from((await fx.read(`sqlite:${path}?table=${encodeURIComponent(table)}`)).numeric('a'));
    expect(await read('"we""ird table"')).toEqual([1, 2]);
    expect(await read('select')).toEqual([3, 4]);
    expect(await read('"a.b"')).toEqual([5, 6]);
    expect(await read('main.select')).toEqual([3, 4]);
    for (const attack of ['select; DROP TABLE a', 'main.select; DROP TABLE a', 'select" ; DROP TABLE "select']) {
      const e = await fx.fail(`sqlite:${path}?table=${encodeURIComponent(attack)}`);
      expect(e.code, attack).toBe(attack.includes('"') ? 'INVALID_ARGUMENT' : 'UNKNOWN_TABLE');
    }
    expect(await read('select')).toEqual([3, 4]);
  });

  it('opens the database read-only, so a query cannot change it', async () => {
    const path = fx.db((d) => d.exec('CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2);'));
    const e = await fx.fail(`sqlite:${path}`, { query: 'DELETE FROM t' });
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect((await fx.read(`sqlite:${path}?table=t`)).nrow).toBe(2);
  });
});
