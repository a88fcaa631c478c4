import { extname } from 'node:path';

/** File extensions read as SQLite databases when given as a plain path. */
export const SQLITE_EXTENSIONS = ['sqlite', 'sqlite3', 'db'] as const;

/** A parsed SQLite source: the database file and the table named in the URI, if any. */
export interface SqliteSource {
  readonly path: string;
  readonly table?: string;
}

/**
 * Parses `sqlite:relative/path.db?table=t`, `sqlite:///abs/path.db?table=t` or a plain `path.sqlite?table=t`.
 * The path part is used as written (not URL-decoded) so file names with `%` work; the query part is decoded.
 */
export function parseSqliteSource(source: string): SqliteSource {
  let rest = source;
  if (/^sqlite:/i.test(rest)) {
    rest = rest.slice('sqlite:'.length);
    // sqlite:///abs/path → /abs/path (the URL form with an empty host); sqlite:rel/path stays relative.
    if (rest.startsWith('//')) rest = rest.slice(2);
  }
  const q = rest.indexOf('?');
  const path = q < 0 ? rest : rest.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : rest.slice(q + 1));
  const table = params.get('table') ?? undefined;
  return table === undefined ? { path } : { path, table };
}

/** True for `sqlite:` URIs and paths ending in a SQLite extension (with or without a `?table=` part). */
export function isSqliteSource(source: string): boolean {
  if (/^sqlite:/i.test(source)) return true;
  const path = source.replace(/\?.*$/, '');
  return (SQLITE_EXTENSIONS as readonly string[]).includes(extname(path).slice(1).toLowerCase());
}
