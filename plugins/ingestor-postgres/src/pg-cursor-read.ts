import type pg from 'pg';
import type Cursor from 'pg-cursor';
import { inputError } from '@autopipe/core';
import { quoteTableName, type SqlKind, type ValueColumnBuilder } from '@autopipe/ingest';
import type { PgTarget } from './pg-errors.js';
import { BYTEA_OID, pgDatetime } from './pg-types.js';

// Every value arrives as PostgreSQL's text output and is converted once, straight into its column: no Date objects,
// no per-row records, and no precision lost to the driver's own parsers (int8 and numeric stay exact until Number()).
export const RAW_TEXT = { getTypeParser: () => (text: string) => text } as unknown as pg.CustomTypesConfig;

export interface Field {
  readonly name: string;
  readonly dataTypeID: number;
}

/** Fetches up to `n` more rows from the cursor. */
export function readBatch(cursor: Cursor<unknown[]>, n: number): Promise<{ rows: unknown[][]; fields: readonly Field[] }> {
  return new Promise((resolve, reject) => {
    cursor.read(n, (err, rows, result) => (err ? reject(err) : resolve({ rows: rows as unknown[][], fields: (result?.fields ?? []) as Field[] })));
  });
}

/** The statement to run: the query, or all of the named table (undefined when neither was given). */
export function chooseSql(at: PgTarget): string | undefined {
  const { display } = at.src;
  if (at.query !== undefined && at.table !== undefined) {
    throw inputError('INVALID_ARGUMENT', `${display}: both ?table=${at.table} and a query were given; pass only one.`, { source: display });
  }
  if (at.query !== undefined) {
    if (at.query.trim() === '') throw inputError('INVALID_ARGUMENT', `${display}: the query is empty; pass a SELECT statement.`, { source: display });
    return at.query;
  }
  return at.table === undefined ? undefined : `SELECT * FROM ${quoteTableName(at.table, display)}`;
}

/** Tables the user can read, for messages (ends a failed transaction first). */
export async function listTables(client: pg.Client): Promise<string[]> {
  await client.query('ROLLBACK').catch(() => undefined);
  const res = await client.query<{ name: string }>(
    `SELECT CASE WHEN table_schema = 'public' THEN table_name ELSE table_schema || '.' || table_name END AS name
       FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY table_schema <> 'public', 1 LIMIT 50`,
  );
  return res.rows.map((r) => r.name);
}

/** Refuses binary columns before any row is converted. */
export function checkFields(fields: readonly Field[], display: string): void {
  const binary = fields.find((f) => f.dataTypeID === BYTEA_OID);
  if (binary) {
    throw inputError('UNSUPPORTED_INPUT', `${display}: column "${binary.name}" is binary (bytea); leave it out with a query or cast it to text.`, { source: display, column: binary.name });
  }
}

/** Pushes rows of PostgreSQL text values into the column builders by the columns' kinds. */
export function addRows(rows: readonly unknown[][], cols: readonly ValueColumnBuilder[], kinds: readonly SqlKind[]): void {
  const width = cols.length;
  for (const row of rows) {
    for (let j = 0; j < width; j++) {
      const v = row[j] as string | null;
      const c = cols[j];
      const kind = kinds[j];
      if (v === null) c.pushMissing();
      else if (kind === 'numeric') c.pushNumber(Number(v));
      else if (kind === 'boolean') c.pushBoolean(v === 't');
      else if (kind === 'datetime') {
        const iso = pgDatetime(v);
        if (iso === null) c.pushMissing();
        else c.pushString(iso);
      } else c.pushString(v);
    }
  }
}

/**
 * Starts reading `sql` on a connected client: dates come back as ISO text in UTC, and a read-only transaction
 * keeps a --query from changing anything. Without a table or query, fails listing the readable tables.
 */
export async function openCursor(client: pg.Client, at: PgTarget, sql: string | undefined): Promise<Cursor<unknown[]>> {
  const { display } = at.src;
  await client.connect();
  if (sql === undefined) {
    const names = await listTables(client);
    const hint = names.length > 0 ? `readable tables are: ${names.join(', ')}` : 'it has no readable tables';
    throw inputError('INVALID_ARGUMENT', `${display}: name a table with ?table=NAME or pass a query; ${hint}.`, { source: display, tables: names });
  }
  await client.query("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'");
  await client.query('BEGIN TRANSACTION READ ONLY');
  const { default: CursorClass } = await import('pg-cursor');
  return client.query(new CursorClass<unknown[]>(sql, [], { rowMode: 'array', types: RAW_TEXT }));
}

/** The error for an empty table or result. */
export function noRows(at: PgTarget) {
  const what = at.query !== undefined ? 'the query returned no rows' : `table "${at.table}" has no rows`;
  return inputError('NO_ROWS', `${at.src.display}: ${what}; load a table with data or change the query.`, { source: at.src.display, table: at.table, query: at.query });
}
