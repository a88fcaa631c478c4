import { Frame, type IngestorDefinition, type ReadOptions, type RunContext } from '@autopipe/core';
import { finishColumns, startColumns, type SqlKind, type ValueColumnBuilder } from '@autopipe/ingest';
import { addRows, checkFields, chooseSql, listTables, noRows, openCursor, readBatch } from './pg-cursor-read.js';
import { newClient } from './pg-client.js';
import { pgError, type PgTarget } from './pg-errors.js';
import { streamPostgres } from './pg-stream.js';
import { isPostgresSource, parsePgSource } from './pg-source.js';
import { pgKind } from './pg-types.js';

/** Tuning for tests; the CLI uses the defaults. */
export interface PgReadTuning {
  /** Rows fetched per round trip; memory beyond the columns themselves is one batch. */
  readonly batchSize?: number;
  readonly connectTimeoutMs?: number;
}

const DEFAULT_BATCH = 10_000;

/** Reads a PostgreSQL table or query result into a frame, streaming `batchSize` rows at a time through a cursor. */
export async function readPostgres(source: string, options: ReadOptions, ctx: RunContext, tuning: PgReadTuning = {}): Promise<Frame> {
  const started = performance.now();
  const src = parsePgSource(source);
  const at: PgTarget = { src, table: src.table, query: options.query };
  const sql = chooseSql(at);
  const client = await newClient({ connectionString: src.connectionString, connectionTimeoutMillis: tuning.connectTimeoutMs ?? 10_000 });
  try {
    const cursor = await openCursor(client, at, sql);
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
    if (nrow === 0) throw noRows(at);
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
  stream: (source, options, ctx) => streamPostgres(source, options, ctx),
};
