import { AutopipeError, inputError, isAutopipeError } from '@autopipe/core';

/** What was being read when SQLite failed, for the message. */
export interface SqliteTarget {
  readonly source: string;
  readonly table?: string;
  readonly query?: string;
}

/**
 * Maps a better-sqlite3 failure to a one-line input error naming the source and what to do; our own errors pass
 * through. `tables` lists the database's tables for the unknown-table message.
 */
export function sqliteError(e: unknown, at: SqliteTarget, tables: () => readonly string[]): AutopipeError {
  if (isAutopipeError(e)) return e as AutopipeError;
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : '';
  const msg = e instanceof Error ? e.message : String(e);
  const { source } = at;
  if (code === 'SQLITE_NOTADB') {
    return inputError('PARSE_ERROR', `${source} is not a SQLite database (${msg}); check the path, or pass the file with the right format.`, { source, sqlite: code });
  }
  if (code === 'SQLITE_CORRUPT') {
    return inputError('PARSE_ERROR', `${source} is a corrupt SQLite database (${msg}); restore it from a backup or recover it with "sqlite3 <file> .recover".`, { source, sqlite: code });
  }
  if (code === 'SQLITE_CANTOPEN') {
    return inputError('FILE_NOT_FOUND', `${source} cannot be opened (${msg}); check that the file exists and is readable.`, { source, sqlite: code });
  }
  if (at.query === undefined && at.table !== undefined && /no such table|unknown database/i.test(msg)) {
    const names = safeList(tables);
    const known = names.length > 0 ? `its tables are: ${names.join(', ')}` : 'it has no tables';
    return inputError('UNKNOWN_TABLE', `${source}: table "${at.table}" does not exist; ${known}. Fix ?table= in the source.`, { source, table: at.table, tables: names });
  }
  if (at.query !== undefined) {
    return inputError('QUERY_FAILED', `${source}: the query failed: ${msg}. Fix the query and try again.`, { source, query: at.query, sqlite: code });
  }
  return inputError('QUERY_FAILED', `${source}: reading table "${at.table}" failed: ${msg}.`, { source, table: at.table, sqlite: code });
}

function safeList(tables: () => readonly string[]): readonly string[] {
  try {
    return tables();
  } catch {
    return [];
  }
}
