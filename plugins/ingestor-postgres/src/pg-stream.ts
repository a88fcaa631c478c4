import { Frame, type ReadOptions, type RunContext } from '@autopipe/core';
import { BatchTypes, checkBatchRows, startColumns, type SqlKind } from '@autopipe/ingest';
import { addRows, checkFields, chooseSql, listTables, noRows, openCursor, readBatch } from './pg-cursor-read.js';
import { newClient } from './pg-client.js';
import { pgError, type PgTarget } from './pg-errors.js';
import { parsePgSource } from './pg-source.js';
import { pgKind } from './pg-types.js';

/**
 * Streams a PostgreSQL table or query in frames of `batchRows` rows: one cursor fetch per frame inside a
 * read-only transaction, so the server holds the result and the client one batch. Types are fixed by the first
 * batch unless given (see `BatchTypes`); stopping early closes the cursor and the connection.
 */
export async function* streamPostgres(source: string, options: ReadOptions & { readonly batchRows: number }, ctx: RunContext, connectTimeoutMs = 10_000): AsyncGenerator<Frame> {
  const batchRows = checkBatchRows(options.batchRows, source);
  const src = parsePgSource(source);
  const at: PgTarget = { src, table: src.table, query: options.query };
  const sql = chooseSql(at);
  const client = await newClient({ connectionString: src.connectionString, connectionTimeoutMillis: connectTimeoutMs });
  const types = new BatchTypes(options.types);
  let rows = 0;
  try {
    let names: string[] | null = null;
    let kinds: SqlKind[] = [];
    let frame: Frame | null = null;
    const cursor = await openCursor(client, at, sql).catch(async (e: unknown) => {
      throw await pgError(e, at, () => listTables(client));
    });
    for (;;) {
      try {
        const batch = await readBatch(cursor, batchRows);
        if (names === null) {
          checkFields(batch.fields, src.display);
          names = batch.fields.map((f) => f.name);
          kinds = batch.fields.map((f) => pgKind(f.dataTypeID));
        }
        if (batch.rows.length === 0) break;
        const cols = startColumns(names, options, src.display);
        addRows(batch.rows, cols, kinds);
        const where = { source: src.display, firstRow: rows };
        frame = Frame.fromColumns(cols.map((c) => c.finish(where, types.typeOf(c.name))));
        types.note(frame);
      } catch (e) {
        throw await pgError(e, at, () => listTables(client));
      }
      rows += frame.nrow;
      yield frame;
      if (frame.nrow < batchRows) break;
    }
    if (rows === 0) throw noRows(at);
    ctx.logger.debug('postgres streamed', { source: src.display, rows });
  } finally {
    // Ending the connection discards the cursor and the read-only transaction with it.
    await client.end().catch(() => undefined);
  }
}
