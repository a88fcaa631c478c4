import { inputError } from '@autopipe/core';

/** A SQL destination from `--out`: the database to open and the table to (re)place. */
export interface SqlTarget {
  /** The schema part of `schema.table`, if any (PostgreSQL). */
  readonly schema?: string;
  readonly table: string;
  /** The database file (SQLite) or the connection URI without `table` (PostgreSQL). */
  readonly database: string;
  /** The destination with any password hidden, for messages. */
  readonly display: string;
}

/** Quotes an identifier: double quotes, inner quotes doubled, so any name is safe. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function tableParam(params: URLSearchParams, display: string): { schema?: string; table: string } {
  const table = params.get('table');
  if (!table) throw inputError('INVALID_ARGUMENT', `--out ${display}: name the table to write with ?table=NAME (e.g. sqlite:preds.db?table=preds).`, { out: display });
  const dot = table.indexOf('.');
  return dot < 0 ? { table } : { schema: table.slice(0, dot), table: table.slice(dot + 1) };
}

/** `sqlite:path.db?table=t` (also `sqlite:///abs/path.db?table=t`). */
export function parseSqliteOut(out: string): SqlTarget {
  let rest = out.slice('sqlite:'.length);
  if (rest.startsWith('//')) rest = rest.slice(2);
  const q = rest.indexOf('?');
  const database = q < 0 ? rest : rest.slice(0, q);
  if (database === '') throw inputError('INVALID_ARGUMENT', `--out ${out}: give the database file, e.g. sqlite:preds.db?table=preds.`, { out });
  const { schema, table } = tableParam(new URLSearchParams(q < 0 ? '' : rest.slice(q + 1)), out);
  if (schema !== undefined) throw inputError('INVALID_ARGUMENT', `--out ${out}: SQLite tables have no schema; write ?table=NAME.`, { out });
  return { table, database, display: out };
}

/** `postgres://user:pass@host:port/db?table=[schema.]t`. */
export function parsePostgresOut(out: string): SqlTarget {
  const display = out.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@').replace(/([?&]password=)[^&]*/gi, '$1***');
  let url: URL;
  try {
    url = new URL(out);
  } catch {
    throw inputError('INVALID_ARGUMENT', `--out ${display} is not a valid PostgreSQL URI; write postgres://user:password@host:port/database?table=name.`, { out: display });
  }
  const { schema, table } = tableParam(url.searchParams, display);
  url.searchParams.delete('table');
  return { ...(schema === undefined ? {} : { schema }), table, database: url.toString(), display };
}
