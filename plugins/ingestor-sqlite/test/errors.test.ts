import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLine, fixtureDir } from './helpers.js';

const fx = fixtureDir();
const good = fx.db((d) => {
  d.exec('CREATE TABLE people (name TEXT, age INTEGER, photo BLOB); CREATE TABLE empty (a INTEGER); CREATE VIEW adults AS SELECT * FROM people WHERE age >= 18;');
  const ins = d.prepare('INSERT INTO people VALUES (?, ?, ?)');
  d.transaction(() => {
    for (let i = 0; i < 300; i++) ins.run(`p${i}`, i % 90, i === 250 ? Buffer.from([1, 2, 3]) : null);
  })();
});

async function expectError(source: string, code: string, parts: readonly string[], options = {}) {
  const e = await fx.fail(source, options);
  expect(e.code, e.message).toBe(code);
  for (const p of parts) expect(e.message).toContain(p);
  expectOneLine(e);
  return e;
}

describe('sqlite ingestor errors', () => {
  it('a missing database file is FILE_NOT_FOUND naming it, in every source syntax', async () => {
    const path = join(fx.dir, 'nope.sqlite');
    for (const source of [path, `sqlite:${path}?table=t`, `sqlite://${path}?table=t`]) await expectError(source, 'FILE_NOT_FOUND', ['nope.sqlite']);
  });

  it('a directory, an empty file, a text file and binary garbage are refused', async () => {
    const dir = join(fx.dir, 'folder.db');
    mkdirSync(dir);
    await expectError(`${dir}?table=t`, 'UNSUPPORTED_INPUT', ['folder.db', 'directory']);
    const empty = join(fx.dir, 'empty.db');
    writeFileSync(empty, '');
    await expectError(`${empty}?table=t`, 'EMPTY_FILE', ['empty.db']);
    const text = join(fx.dir, 'text.db');
    writeFileSync(text, 'name,age\nann,3\n'.repeat(200));
    await expectError(`${text}?table=t`, 'PARSE_ERROR', ['text.db', 'not a SQLite database']);
    const garbage = join(fx.dir, 'garbage.sqlite');
    writeFileSync(garbage, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256)));
    await expectError(`${garbage}?table=t`, 'PARSE_ERROR', ['garbage.sqlite']);
  });

  it('a corrupt or truncated database is PARSE_ERROR, not a partial frame', async () => {
    const bytes = readFileSync(fx.db((d) => {
      d.exec('CREATE TABLE t (a INTEGER, b TEXT)');
      const ins = d.prepare('INSERT INTO t VALUES (?, ?)');
      d.transaction(() => {
        for (let i = 0; i < 2000; i++) ins.run(i, 'x'.repeat(50));
      })();
    }));
    const damaged = Buffer.from(bytes);
    damaged.fill(0xab, 8192, 10192);
    const bad = join(fx.dir, 'damaged.sqlite');
    writeFileSync(bad, damaged);
    await expectError(`sqlite:${bad}?table=t`, 'PARSE_ERROR', ['damaged.sqlite', 'corrupt']);
    const cut = join(fx.dir, 'cut.sqlite');
    writeFileSync(cut, bytes.subarray(0, 4096 * 3 + 100));
    await expectError(`sqlite:${cut}?table=t`, 'PARSE_ERROR', ['cut.sqlite', 'corrupt']);
  });

  it('an unknown table is UNKNOWN_TABLE listing the tables', async () => {
    await expectError(`sqlite:${good}?table=peeple`, 'UNKNOWN_TABLE', ['"peeple"', 'does not exist', 'adults, empty, people']);
  });

  it('no table and no query, or both, is INVALID_ARGUMENT saying what to pass', async () => {
    await expectError(`sqlite:${good}`, 'INVALID_ARGUMENT', ['?table=', 'adults, empty, people']);
    await expectError(`sqlite:${good}?table=people`, 'INVALID_ARGUMENT', ['only one'], { query: 'SELECT 1' });
    await expectError(`sqlite:${good}`, 'INVALID_ARGUMENT', ['empty'], { query: '   ' });
  });

  it('a query with a syntax error or an unknown column is QUERY_FAILED with the database message', async () => {
    await expectError(`sqlite:${good}`, 'QUERY_FAILED', ['syntax error', 'SELEC'], { query: 'SELEC name FROM people' });
    await expectError(`sqlite:${good}`, 'QUERY_FAILED', ['no such column: height'], { query: 'SELECT height FROM people' });
    await expectError(`sqlite:${good}`, 'QUERY_FAILED', ['no such table: nope'], { query: 'SELECT * FROM nope' });
  });

  it('an empty table or empty result is NO_ROWS', async () => {
    await expectError(`sqlite:${good}?table=empty`, 'NO_ROWS', ['"empty"', 'no rows']);
    await expectError(`sqlite:${good}`, 'NO_ROWS', ['query returned no rows'], { query: 'SELECT * FROM people WHERE age > 1000' });
  });

  it('duplicate result column names, BLOB cells and non-SELECT statements are refused', async () => {
    await expectError(`sqlite:${good}`, 'INVALID_ARGUMENT', ['"age"', 'AS'], { query: 'SELECT age, age FROM people' });
    await expectError(`sqlite:${good}?table=people`, 'UNSUPPORTED_INPUT', ['"photo"', 'row 251', 'BLOB']);
    await expectError(`sqlite:${good}`, 'INVALID_ARGUMENT', ['does not return rows'], { query: 'CREATE TABLE x (a)' });
  });

  it('a type override naming an unknown column, or a value that does not convert, is refused', async () => {
    await expectError(`sqlite:${good}?table=adults`, 'UNKNOWN_COLUMN', ['"height"', 'name, age, photo'], { types: { height: 'numeric' } });
    await expectError(`sqlite:${good}`, 'PARSE_ERROR', ['"name"', 'row 1', '"p0"'], { query: 'SELECT name FROM people', types: { name: 'numeric' } });
    await expectError(`sqlite:${good}`, 'PARSE_ERROR', ['"age"', 'boolean', 'row 3'], { query: 'SELECT age FROM people', types: { age: 'boolean' } });
  });
});
