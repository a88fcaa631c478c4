import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Frame, inputError, type IngestorDefinition, type NamedColumn, type ReadOptions, type RunContext } from '@autopipe/core';
import { columnFromBooleans, isoFromEpochMs, type ValueColumnBuilder } from '@autopipe/ingest';
import { quoteTableName } from '@autopipe/ingest';
import { sqliteError, type SqliteTarget } from './sqlite-errors.js';
import { startColumns, type SqlKind } from './sql-columns.js';
import { isSqliteSource, parseSqliteSource, SQLITE_EXTENSIONS } from './sqlite-source.js';

/** Maps a declared column type to a kind, following SQLite's affinity rules plus BOOLEAN and DATE/TIME names. */
export function sqliteKind(declared: string | null): SqlKind {
  if (!declared) return 'string';
  const t = declared.toUpperCase();
  if (t.includes('BOOL')) return 'boolean';
  if (t.includes('DATE') || t.includes('TIME')) return 'datetime';
  if (/INT|REAL|FLOA|DOUB|NUM|DEC/.test(t)) return 'numeric';
  return 'string';
}

/**
 * SQLite stores dates as ISO text (`2024-01-02 10:00:00`, which the shared inference reads as is) or as Unix
 * seconds, which become UTC ISO text here.
 */
export function sqliteDatetime(value: string | number): string {
  return typeof value === 'number' ? isoFromEpochMs(value * 1000, true, true) : value;
}

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

function collect(stmt: Database.Statement, options: ReadOptions, source: string): NamedColumn[] {
  const declared = stmt.columns();
  const cols = startColumns(declared.map((c) => c.name), options, source);
  const kinds = declared.map((c) => sqliteKind(c.type));
  // SQLite has no boolean storage: a BOOLEAN column holds integers, read as booleans only if every cell is 0/1.
  const binary = kinds.map((k) => k === 'boolean');
  const width = cols.length;
  // raw() yields one transient array per row; cells go straight into the column builders.
  for (const row of stmt.raw(true).iterate() as IterableIterator<unknown[]>) {
    for (let j = 0; j < width; j++) {
      const v = row[j];
      const c = cols[j];
      if (v === null || v === undefined) c.pushMissing();
      else if (typeof v === 'number') {
        if (kinds[j] === 'datetime') c.pushString(sqliteDatetime(v));
        else {
          if (v !== 0 && v !== 1) binary[j] = false;
          c.pushNumber(v);
        }
      } else if (typeof v === 'string') {
        binary[j] = false;
        c.pushString(v);
      } else if (typeof v === 'bigint') {
        binary[j] = false;
        c.pushNumber(Number(v));
      } else {
        throw inputError('UNSUPPORTED_INPUT', `${source}: column "${c.name}" holds binary data (BLOB) in row ${c.length + 1}; leave it out with a query or CAST it to TEXT.`, { source, column: c.name, row: c.length + 1 });
      }
    }
  }
  if (cols.length === 0 || cols[0].length === 0) return [];
  return cols.map((c, j) => finish(c, binary[j], options, source));
}

function finish(c: ValueColumnBuilder, binary: boolean, options: ReadOptions, source: string): NamedColumn {
  const override = options.types?.[c.name];
  if (!binary) return c.finish({ source }, override);
  const bits = c.finish({ source }, 'numeric').data as Float64Array;
  return columnFromBooleans(c.name, bits, { source }, override);
}

async function read(source: string, options: ReadOptions, ctx: RunContext): Promise<Frame> {
  const started = performance.now();
  const { path, table } = parseSqliteSource(source);
  const target: SqliteTarget = { source, table, query: options.query };
  checkFile(path, source);
  let db: Database.Database | undefined;
  try {
    // Read-only: a --query can never change the user's database.
    db = new Database(path, { readonly: true, fileMustExist: true });
    const open = db;
    const sql = chooseSql(target, open);
    const stmt = open.prepare(sql);
    if (!stmt.reader) throw inputError('INVALID_ARGUMENT', `${source}: the query does not return rows; pass a SELECT statement.`, { source, query: options.query });
    const cols = collect(stmt, options, source);
    if (cols.length === 0) {
      const what = target.query !== undefined ? 'the query returned no rows' : `table "${table}" has no rows`;
      throw inputError('NO_ROWS', `${source}: ${what}; load a table with data or change the query.`, { source, table, query: options.query });
    }
    const frame = Frame.fromColumns(cols);
    ctx.logger.debug('sqlite read', { source, rows: frame.nrow, columns: frame.ncol, ms: Math.round(performance.now() - started) });
    return frame;
  } catch (e) {
    const open = db;
    throw sqliteError(e, target, () => (open ? listTables(open) : []));
  } finally {
    db?.close();
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
};
