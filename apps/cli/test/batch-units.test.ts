import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { classPrediction } from '@autopipe/core';
import { outputRows, predictionColumns } from '../src/batch/prediction-columns.js';
import { rowTotal } from '../src/batch/row-total.js';
import { parsePostgresOut, parseSqliteOut } from '../src/batch/sql-target.js';
import { tempDir } from './cli.js';

const dir = tempDir('batch-units');

describe('batch predict pieces', () => {
  it('SQL destinations: table required, schema split for PostgreSQL, passwords hidden in messages', () => {
    expect(parseSqliteOut('sqlite:out/p.db?table=preds')).toMatchObject({ database: 'out/p.db', table: 'preds' });
    expect(parseSqliteOut('sqlite:///abs/p.db?table=t')).toMatchObject({ database: '/abs/p.db', table: 't' });
    expect(() => parseSqliteOut('sqlite:p.db')).toThrow(/name the table to write with \?table=NAME/);
    const pg = parsePostgresOut('postgres://me:secret@db:5432/app?table=ml.preds&sslmode=disable');
    expect(pg).toMatchObject({ schema: 'ml', table: 'preds', display: 'postgres://me:***@db:5432/app?table=ml.preds&sslmode=disable' });
    expect(pg.database).toBe('postgres://me:secret@db:5432/app?sslmode=disable');
    let message = '';
    try {
      parsePostgresOut('postgres://me:secret@db/app');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('me:***@');
    expect(message).not.toContain('secret');
  });

  it('prediction columns: id first (numbers stay numbers, NaN becomes empty), labels, then probabilities', () => {
    const p = classPrediction(['no', 'yes'], Float64Array.from([0.9, 0.1, 0.2, 0.8]));
    const cols = predictionColumns(p, true, { name: 'id', data: Float64Array.from([7, NaN]) });
    expect(cols.map((c) => [c.name, c.kind])).toEqual([['id', 'number'], ['prediction', 'text'], ['proba_no', 'number'], ['proba_yes', 'number']]);
    expect(outputRows(cols)).toEqual([[7, 'no', 0.9, 0.1], [null, 'yes', 0.2, 0.8]]);
  });

  it('row totals: a SQLite table count is exact, a text file is estimated, others are unknown', async () => {
    const db = join(dir, 't.db');
    const d = new Database(db);
    d.exec('CREATE TABLE t (a); INSERT INTO t VALUES (1), (2), (3);');
    d.close();
    expect(await rowTotal('sqlite', `sqlite:${db}?table=t`, undefined)).toEqual({ rows: 3, exact: true });
    expect(await rowTotal('sqlite', db, 'SELECT * FROM t')).toBeNull();
    const csv = join(dir, 'a.csv');
    writeFileSync(csv, 'a,b\n' + '1,2\n'.repeat(500_000));
    const est = await rowTotal('csv', csv, undefined);
    expect(est?.exact).toBe(false);
    expect(Math.abs(est!.rows - 500_000)).toBeLessThan(1000);
    writeFileSync(csv, 'a,b\n1,2\n3,4');
    expect(await rowTotal('csv', csv, undefined)).toEqual({ rows: 2, exact: false });
    expect(await rowTotal('postgres', 'postgres://x/y?table=t', undefined)).toBeNull();
    expect(await rowTotal('csv', join(dir, 'missing.csv'), undefined)).toBeNull();
  });
});
