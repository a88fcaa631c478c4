import pg from 'pg';
import Cursor from 'pg-cursor';
import { Frame, inputError, type IngestorDefinition, type ReadOptions, type RunContext } from '@autopipe/core';
import type { ValueColumnBuilder } from '@autopipe/ingest';
import { pgError, type PgTarget } from './pg-errors.js';
import { isPostgresSource, parsePgSource } from './pg-source.js';
import { BYTEA_OID, pgDatetime, pgKind } from './pg-types.js';
import { quoteTableName } from '@autopipe/ingest';
import { finishColumns, startColumns, type SqlKind } from './sql-columns.js';

/** Tuning for tests; the CLI uses the defaults. */
export interface PgReadTuning {
  /** Rows fetched per round trip; memory beyond the columns themselves is one batch. */
  readonly batchSize?: number;
  readonly connectTimeoutMs?: number;
}

const DEFAULT_BATCH = 10_000;

// Every value arrives as PostgreSQL's text output and is converted once, straight into its column: no Date objects,
// no per-row records, and no precision lost to the driver's own parsers (int8 and numeric stay exact until Number()).
const RAW_TEXT = { getTypeParser: () => (text: string) => text } as unknown as pg.CustomTypesConfig;

interface Field {
  readonly name: string;
  readonly dataTypeID: number;
}

function readBatch(cursor: Cursor<unknown[]>, n: number): Promise<{ rows: unknown[][]; fields: readonly Field[] }> {
  return new Promise((resolve, reject) => {
    cursor.read(n, (err, rows, result) => (err ? reject(err) : resolve({ rows: rows as unknown[][], fields: (result?.fields ?? []) as Field[] })));
  });
}

function chooseSql(at: PgTarget): string | undefined {
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

async function listTables(client: pg.Client): Promise<string[]> {
  await client.query('ROLLBACK').catch(() => undefined);
  const res = await client.query<{ name: string }>(
    `SELECT CASE WHEN table_schema = 'public' THEN table_name ELSE table_schema || '.' || table_name END AS name
       FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY table_schema <> 'public', 1 LIMIT 50`,
  );
  return res.rows.map((r) => r.name);
}

function checkFields(fields: readonly Field[], display: string): void {
  const binary = fields.find((f) => f.dataTypeID === BYTEA_OID);
  if (binary) {
    throw inputError('UNSUPPORTED_INPUT', `${display}: column "${binary.name}" is binary (bytea); leave it out with a query or cast it to text.`, { source: display, column: binary.name });
  }
}

function addRows(rows: readonly unknown[][], cols: readonly ValueColumnBuilder[], kinds: readonly SqlKind[]): void {
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

/** Reads a PostgreSQL table or query result into a frame, streaming `batchSize` rows at a time through a cursor. */
export async function readPostgres(source: string, options: ReadOptions, ctx: RunContext, tuning: PgReadTuning = {}): Promise<Frame> {
  const started = performance.now();
  const src = parsePgSource(source);
  const at: PgTarget = { src, table: src.table, query: options.query };
  const sql = chooseSql(at);
  const client = new pg.Client({ connectionString: src.connectionString, connectionTimeoutMillis: tuning.connectTimeoutMs ?? 10_000 });
  // A dropped connection is reported through the pending call; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    if (sql === undefined) {
      const names = await listTables(client);
      const hint = names.length > 0 ? `readable tables are: ${names.join(', ')}` : 'it has no readable tables';
      throw inputError('INVALID_ARGUMENT', `${src.display}: name a table with ?table=NAME or pass a query; ${hint}.`, { source: src.display, tables: names });
    }
    // Dates come back as ISO text in UTC, and a read-only transaction keeps a --query from changing anything.
    await client.query("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'");
    await client.query('BEGIN TRANSACTION READ ONLY');
    const cursor = client.query(new Cursor<unknown[]>(sql, [], { rowMode: 'array', types: RAW_TEXT }));
    const batch = tuning.batchSize ?? DEFAULT_BATCH;
    let cols: ValueColumnBuilder[] | undefined;
    let kinds: SqlKind[] = [];
    for (;;) {
      const { rows, fields } = await readBatch(cursor, batch);
      if (!cols) {
        checkFields(fields, src.display);
        cols = startColumns(fields.map((f) => f.name), options, src.display);
        kinds = fields.map((f) => pgKind(f.dataTypeID));
      }
      addRows(rows, cols, kinds);
      if (rows.length < batch) break;
    }
    await cursor.close();
    await client.query('ROLLBACK');
    const nrow = cols.length > 0 ? cols[0].length : 0;
    if (nrow === 0) {
      const what = at.query !== undefined ? 'the query returned no rows' : `table "${at.table}" has no rows`;
      throw inputError('NO_ROWS', `${src.display}: ${what}; load a table with data or change the query.`, { source: src.display, table: at.table, query: at.query });
    }
    const frame = Frame.fromColumns(finishColumns(cols, options, src.display));
    ctx.logger.debug('postgres read', { source: src.display, rows: frame.nrow, columns: frame.ncol, ms: Math.round(performance.now() - started) });
    return frame;
  } catch (e) {
    throw await pgError(e, at, () => listTables(client));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Reads PostgreSQL tables and queries (postgres://user:pass@host:port/db?table=schema.name) into frames. */
export const postgresIngestor: IngestorDefinition = {
  kind: 'ingestor',
  key: 'postgres',
  description: 'PostgreSQL tables or queries (postgres://user:pass@host:port/db?table=t), streamed in batches through a read-only cursor.',
  extensions: [],
  canRead: isPostgresSource,
  read: (source, options, ctx) => readPostgres(source, options, ctx),
};
