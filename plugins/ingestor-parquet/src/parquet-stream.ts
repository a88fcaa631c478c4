import { createRequire } from 'node:module';
import type { DuckDBConnection, DuckDBResult, DuckDBTypeId } from '@duckdb/node-api';
import { Frame, inputError, type ReadOptions, type RunContext } from '@autopipe/core';
import { BatchTypes, checkBatchRows, checkTypeOverrides, isoFromEpochMs, missingTest, sourceStat, ValueColumnBuilder } from '@autopipe/ingest';
import { parseError } from './parquet-error.js';

type Kind = 'number' | 'boolean' | 'date' | 'timestamp' | 'timestamp_utc' | 'string' | 'json';

// Loaded on first use (as the CSV ingestor does): the native binding took a quarter of a second of every process
// and worker thread that registers this plugin, whether or not it reads Parquet.
const duckdb = () => createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');

function kindOf(type: DuckDBTypeId): Kind {
  const T = duckdb().DuckDBTypeId;
  const numbers = [T.TINYINT, T.SMALLINT, T.INTEGER, T.BIGINT, T.HUGEINT, T.UTINYINT, T.USMALLINT, T.UINTEGER, T.UBIGINT, T.UHUGEINT, T.FLOAT, T.DOUBLE, T.DECIMAL];
  if (numbers.includes(type)) return 'number';
  if (type === T.BOOLEAN) return 'boolean';
  if (type === T.DATE) return 'date';
  if ([T.TIMESTAMP, T.TIMESTAMP_S, T.TIMESTAMP_MS, T.TIMESTAMP_NS].includes(type)) return 'timestamp';
  if (type === T.TIMESTAMP_TZ) return 'timestamp_utc';
  if (type === T.VARCHAR || type === T.ENUM || type === T.UUID) return 'string';
  return 'json';
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The projection that hands every column to JavaScript in a simple form, so no per-value wrapper objects are
 * built: numbers (decimals, big integers) as doubles, dates and timestamps as epoch milliseconds, and anything
 * nested as its JSON text — the same values `read` (hyparquet) produces.
 */
function projection(name: string, kind: Kind): string {
  const c = quote(name);
  if (kind === 'number') return `CAST(${c} AS DOUBLE) AS ${c}`;
  if (kind === 'date' || kind === 'timestamp') return `CAST(epoch_ms(CAST(${c} AS TIMESTAMP)) AS DOUBLE) AS ${c}`;
  if (kind === 'timestamp_utc') return `CAST(epoch_ms(${c}) AS DOUBLE) AS ${c}`;
  if (kind === 'json') return `CAST(to_json(${c}) AS VARCHAR) AS ${c}`;
  return c;
}

/**
 * Streams a Parquet file in frames of `batchRows` rows through DuckDB's streaming query results (vectors of
 * 2,048 rows decoded row group by row group), so memory is one batch plus DuckDB's buffers whatever the file's
 * row-group size. Values map as in `read`; types are fixed by the first batch unless given.
 */
export async function* streamParquet(source: string, options: ReadOptions & { readonly batchRows: number }, ctx: RunContext): AsyncGenerator<Frame> {
  const batchRows = checkBatchRows(options.batchRows, source);
  const { path, info } = await sourceStat(source);
  if (info.size === 0) throw inputError('EMPTY_FILE', `${source} is empty; pass a Parquet file.`, { file: source });
  const instance = await duckdb().DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  try {
    const file = `read_parquet('${path.replace(/'/g, "''")}')`;
    const { names, kinds, result } = await open(conn, file, source);
    if (names.length === 0) throw inputError('NO_ROWS', `${source} has no columns; write the table with at least one column.`, { file: source });
    checkTypeOverrides(names, options.types, source);
    const isMissing = missingTest(options.missing);
    const types = new BatchTypes(options.types);
    const fresh = () => names.map((n) => new ValueColumnBuilder(n, isMissing));
    let cols = fresh();
    let filled = 0;
    let firstRow = 0;
    const finish = (): Frame => {
      const where = { source, firstRow };
      const frame = Frame.fromColumns(cols.map((c) => c.finish(where, types.typeOf(c.name))));
      types.note(frame);
      firstRow += frame.nrow;
      cols = fresh();
      filled = 0;
      return frame;
    };
    for (;;) {
      const chunk = await result.fetchChunk().catch((e: unknown) => {
        throw parseError(e, source);
      });
      if (!chunk || chunk.rowCount === 0) break;
      const values = names.map((_, j) => chunk.getColumnValues(j));
      for (let at = 0; at < chunk.rowCount;) {
        const take = Math.min(chunk.rowCount - at, batchRows - filled);
        for (let j = 0; j < names.length; j++) push(cols[j], kinds[j], values[j], at, at + take);
        at += take;
        filled += take;
        if (filled === batchRows) yield finish();
      }
    }
    if (filled > 0) yield finish();
    if (firstRow === 0) throw inputError('NO_ROWS', `${source} has no rows; add at least one row.`, { file: source });
    ctx.logger.debug('parquet streamed', { file: source, rows: firstRow });
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function open(conn: DuckDBConnection, file: string, source: string): Promise<{ names: string[]; kinds: Kind[]; result: DuckDBResult }> {
  try {
    const probe = await conn.run(`SELECT * FROM ${file} LIMIT 0`);
    const names = probe.columnNames();
    const kinds = names.map((_, j) => kindOf(probe.columnTypeId(j)));
    const result = await conn.stream(`SELECT ${names.map((n, j) => projection(n, kinds[j])).join(', ')} FROM ${file}`);
    return { names, kinds, result };
  } catch (e) {
    throw parseError(e, source);
  }
}

function push(col: ValueColumnBuilder, kind: Kind, values: readonly unknown[], from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const v = values[i];
    if (v === null || v === undefined) col.pushMissing();
    else if (kind === 'number') col.pushNumber(v as number);
    else if (kind === 'boolean') col.pushBoolean(v as boolean);
    else if (kind === 'date') col.pushString(isoFromEpochMs(v as number, false, false));
    else if (kind === 'timestamp' || kind === 'timestamp_utc') col.pushString(isoFromEpochMs(v as number, true, kind === 'timestamp_utc'));
    else col.pushString(v as string);
  }
}
