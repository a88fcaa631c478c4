import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Frame, inputError, type IngestorDefinition, type NamedColumn, type ReadOptions, type RunContext } from '@autopipe/core';
import { BatchTypes, checkBatchRows, quoteTableName } from '@autopipe/ingest';
import { sqliteBatches } from './sqlite-batches.js';
import { sqliteError, type SqliteTarget } from './sqlite-errors.js';
import { isSqliteSource, parseSqliteSource, SQLITE_EXTENSIONS } from './sqlite-source.js';

export { sqliteDatetime, sqliteKind } from './sqlite-batches.js';

function checkFile(path: string, source: string): void {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw inputError('UNSUPPORTED_INPUT', `${source} is a directory, not a SQLite database file; pass the database file itself.`, { source });
    size = st.size;
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') {
      throw inputError('FILE_NOT_FOUND', `${source}: database file ${path} does not exist; check the path (relative paths start from the working directory).`, { source, file: path });
    }
    if ((e as { code?: string }).code === 'EACCES') {
      throw inputError('FILE_NOT_FOUND', `${source}: database file ${path} is not readable; check its permissions.`, { source, file: path });
    }
    throw e;
  }
  if (size === 0) throw inputError('EMPTY_FILE', `${source} is an empty file, not a SQLite database; check the path.`, { source, file: path });
}

function listTables(db: Database.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
  return rows as string[];
}

function chooseSql(target: SqliteTarget, db: Database.Database): string {
  if (target.query !== undefined && target.table !== undefined) {
    throw inputError('INVALID_ARGUMENT', `${target.source}: both ?table=${target.table} and a query were given; pass only one.`, { source: target.source });
  }
  if (target.query !== undefined) {
    if (target.query.trim() === '') throw inputError('INVALID_ARGUMENT', `${target.source}: the query is empty; pass a SELECT statement.`, { source: target.source });
    return target.query;
  }
  if (target.table === undefined) {
    const names = listTables(db);
    const hint = names.length > 0 ? `its tables are: ${names.join(', ')}` : 'it has no tables';
    throw inputError('INVALID_ARGUMENT', `${target.source}: name a table with ?table=NAME or pass a query; ${hint}.`, { source: target.source, tables: names });
  }
  return `SELECT * FROM ${quoteTableName(target.table, target.source)}`;
}

/** Opens the database read-only and prepares the statement that yields the rows; the caller closes `db`. */
function prepare(source: string, options: ReadOptions): { db: Database.Database; stmt: Database.Statement; target: SqliteTarget } {
  const { path, table } = parseSqliteSource(source);
  const target: SqliteTarget = { source, table, query: options.query };
  checkFile(path, source);
  let db: Database.Database | undefined;
  try {
    // Read-only: a --query can never change the user's database.
    db = new Database(path, { readonly: true, fileMustExist: true });
    const stmt = db.prepare(chooseSql(target, db));
    if (!stmt.reader) throw inputError('INVALID_ARGUMENT', `${source}: the query does not return rows; pass a SELECT statement.`, { source, query: options.query });
    return { db, stmt, target };
  } catch (e) {
    const open = db;
    const error = sqliteError(e, target, () => (open ? listTables(open) : []));
    db?.close();
    throw error;
  }
}

function noRows(target: SqliteTarget) {
  const what = target.query !== undefined ? 'the query returned no rows' : `table "${target.table}" has no rows`;
  return inputError('NO_ROWS', `${target.source}: ${what}; load a table with data or change the query.`, { source: target.source, table: target.table, query: target.query });
}

async function read(source: string, options: ReadOptions, ctx: RunContext): Promise<Frame> {
  const started = performance.now();
  const { db, stmt, target } = prepare(source, options);
  try {
    const [cols] = [...sqliteBatches(stmt, options, source, Infinity, new BatchTypes(options.types))];
    if (cols === undefined) throw noRows(target);
    const frame = Frame.fromColumns(cols);
    ctx.logger.debug('sqlite read', { source, rows: frame.nrow, columns: frame.ncol, ms: Math.round(performance.now() - started) });
    return frame;
  } catch (e) {
    throw sqliteError(e, target, () => listTables(db));
  } finally {
    db.close();
  }
}

/** Streams the rows in frames of `batchRows` rows straight off the statement's iterator (see `sqliteBatches`). */
async function* stream(source: string, options: ReadOptions & { readonly batchRows: number }, ctx: RunContext): AsyncGenerator<Frame> {
  const batchRows = checkBatchRows(options.batchRows, source);
  const { db, stmt, target } = prepare(source, options);
  const types = new BatchTypes(options.types);
  let rows = 0;
  const batches = sqliteBatches(stmt, options, source, batchRows, types);
  try {
    for (;;) {
      let next: IteratorResult<NamedColumn[]>;
      try {
        next = batches.next();
      } catch (e) {
        throw sqliteError(e, target, () => listTables(db));
      }
      if (next.done) break;
      const frame = Frame.fromColumns(next.value);
      types.note(frame);
      rows += frame.nrow;
      yield frame;
    }
    if (rows === 0) throw noRows(target);
    ctx.logger.debug('sqlite streamed', { source, rows });
  } finally {
    // Ends the statement's iterator first: SQLite refuses to close a connection that is mid-query.
    batches.return(undefined);
    db.close();
  }
}

/** Reads a SQLite table or query result into a frame (read-only), mapping declared types and inferring text columns. */
export const sqliteIngestor: IngestorDefinition = {
  kind: 'ingestor',
  key: 'sqlite',
  description: 'SQLite databases (sqlite:path.db?table=t, path.sqlite?table=t, or a query), read-only and streamed row by row.',
  extensions: SQLITE_EXTENSIONS,
  canRead: isSqliteSource,
  read,
  stream,
};
