import { describe, expect, it } from 'vitest';
import { scrub } from '../src/pg-errors.js';
import { parsePgSource, redactPassword } from '../src/pg-source.js';
import { pgDatetime, pgKind } from '../src/pg-types.js';
import { quoteTableName } from '@autopipe/ingest';

describe('postgres source syntax', () => {
  it('parses the URI, keeping driver parameters and dropping ?table=', () => {
    const s = parsePgSource('postgresql://ann:s%40cret@db.example:6543/sales?table=public.orders&sslmode=require');
    expect(s).toMatchObject({ table: 'public.orders', address: 'db.example:6543', database: 'sales', user: 'ann', password: 's@cret' });
    expect(s.connectionString).toBe('postgresql://ann:s%40cret@db.example:6543/sales?sslmode=require');
    expect(s.display).toBe('postgresql://ann:***@db.example:6543/sales?table=public.orders&sslmode=require');
  });

  it('defaults the port to 5432', () => {
    expect(parsePgSource('postgres://ann@localhost/db').address).toBe('localhost:5432');
  });

  it('redacts passwords in the user info and in a password= parameter', () => {
    expect(redactPassword('postgres://u:p%2Fw@h/db')).toBe('postgres://u:***@h/db');
    expect(redactPassword('postgres://u:a@b@h/db')).toBe('postgres://u:***@h/db');
    expect(redactPassword('postgres://u@h/db?password=x&table=t')).toBe('postgres://u@h/db?password=***&table=t');
    expect(redactPassword('postgres://h/db')).toBe('postgres://h/db');
    expect(scrub('failed for s3cret\nat line', 's3cret')).toBe('failed for *** at line');
  });
});

describe('postgres types', () => {
  it('maps type OIDs to kinds', () => {
    expect([20, 21, 23, 700, 701, 1700, 16, 1082, 1114, 1184, 25, 1043, 2950, 3802].map(pgKind)).toEqual([
      'numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'boolean', 'datetime', 'datetime', 'datetime', 'string', 'string', 'string', 'string',
    ]);
  });

  it('prepares UTC timestamps for ISO normalization and reads infinity as missing', () => {
    expect(pgDatetime('2024-01-02 10:00:00.5+00')).toBe('2024-01-02 10:00:00.5Z');
    expect(pgDatetime('2024-01-02')).toBe('2024-01-02');
    expect(pgDatetime('infinity')).toBeNull();
  });

  it('quotes schema-qualified names part by part', () => {
    expect(quoteTableName('sales.Orders', 's')).toBe('"sales"."Orders"');
    expect(quoteTableName('"my.schema"."T"', 's')).toBe('"my.schema"."T"');
    expect(() => quoteTableName('a"b', 's')).toThrow(/not a valid name/);
  });
});
