import { describe, expect, it } from 'vitest';
import { quoteTableName, splitQualifiedName } from '@autopipe/ingest';
import { parseSqliteSource } from '../src/sqlite-source.js';
import { sqliteDatetime, sqliteKind } from '../src/sqlite-ingestor.js';

describe('sqlite source syntax', () => {
  it('parses the URI forms and plain paths', () => {
    expect(parseSqliteSource('sqlite:data/db.sqlite?table=t')).toEqual({ path: 'data/db.sqlite', table: 't' });
    expect(parseSqliteSource('sqlite:///abs/db.sqlite?table=t')).toEqual({ path: '/abs/db.sqlite', table: 't' });
    expect(parseSqliteSource('SQLITE:db.db')).toEqual({ path: 'db.db' });
    expect(parseSqliteSource('/x/y.db?table=my%20table')).toEqual({ path: '/x/y.db', table: 'my table' });
    expect(parseSqliteSource('/x/100%.db')).toEqual({ path: '/x/100%.db' });
  });
});

describe('identifier quoting', () => {
  it('quotes each part, doubling inner quotes', () => {
    expect(quoteTableName('t', 's')).toBe('"t"');
    expect(quoteTableName('main.t', 's')).toBe('"main"."t"');
    expect(quoteTableName('"a.b"', 's')).toBe('"a.b"');
    expect(quoteTableName('"we""ird"', 's')).toBe('"we""ird"');
    expect(quoteTableName('x; DROP TABLE y', 's')).toBe('"x; DROP TABLE y"');
    expect(splitQualifiedName('s."My Table"', 's')).toEqual(['s', 'My Table']);
  });

  it('refuses malformed names instead of guessing', () => {
    for (const bad of ['', 'a..b', '.a', 'a.', 'a"b', '"open', '"a"b']) {
      expect(() => quoteTableName(bad, 'src'), bad).toThrow(/not a valid name/);
    }
  });
});

describe('declared types', () => {
  it('follows SQLite affinity names, with BOOLEAN and DATE/TIME first', () => {
    const kinds = ['INTEGER', 'BIGINT', 'REAL', 'DOUBLE PRECISION', 'NUMERIC(10,2)', 'DECIMAL', 'BOOLEAN', 'DATE', 'DATETIME', 'TIMESTAMP', 'TEXT', 'VARCHAR(5)', 'BLOB', null].map(sqliteKind);
    expect(kinds).toEqual(['numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'boolean', 'datetime', 'datetime', 'datetime', 'string', 'string', 'string', 'string']);
  });

  it('turns Unix-second dates into ISO-8601', () => {
    // Text is left for the shared normalization; Unix seconds become UTC.
    expect(sqliteDatetime('2024-05-06 07:08:09.5')).toBe('2024-05-06 07:08:09.5');
    expect(sqliteDatetime(1700000000)).toBe('2023-11-14T22:13:20Z');
  });
});
