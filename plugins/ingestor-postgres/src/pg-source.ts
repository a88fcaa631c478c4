import { inputError } from '@autopipe/core';

/** A parsed PostgreSQL source: what to connect to, what to read, and how to name it in messages. */
export interface PgSource {
  /** The URI without our `table` parameter, passed to the driver (keeps sslmode and friends). */
  readonly connectionString: string;
  readonly table?: string;
  /** The source with its password replaced by `***`: the only form that may appear in messages. */
  readonly display: string;
  /** `host:port` for connection messages. */
  readonly address: string;
  readonly database: string;
  readonly user: string;
  /** The password in the URI, if any, so messages can be scrubbed of it. */
  readonly password?: string;
}

/** True for `postgres://` and `postgresql://` URIs. */
export function isPostgresSource(source: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(source);
}

/** Replaces the password of a connection URI (in the user info or a `password=` parameter) with `***`. */
export function redactPassword(source: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(source);
  if (!m) return source;
  const scheme = m[1];
  let authority = m[2];
  const rest = m[3].replace(/([?&]password=)[^&#]*/gi, '$1***');
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const info = authority.slice(0, at);
    const colon = info.indexOf(':');
    if (colon >= 0) authority = `${info.slice(0, colon)}:***${authority.slice(at)}`;
  }
  return scheme + authority + rest;
}

/** Parses `postgres://user:pass@host:port/db?table=schema.name` (also `postgresql://`). */
export function parsePgSource(source: string): PgSource {
  const display = redactPassword(source);
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw inputError('INVALID_ARGUMENT', `${display} is not a valid PostgreSQL URI; write it as postgres://user:password@host:port/database?table=name.`, { source: display });
  }
  const table = url.searchParams.get('table') ?? undefined;
  url.searchParams.delete('table');
  const user = decodeURIComponent(url.username) || process.env.PGUSER || process.env.USER || 'postgres';
  const password = url.password ? decodeURIComponent(url.password) : (url.searchParams.get('password') ?? undefined);
  const host = url.hostname ? decodeURIComponent(url.hostname) : process.env.PGHOST || 'localhost';
  const port = url.port || process.env.PGPORT || '5432';
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || process.env.PGDATABASE || user;
  return {
    connectionString: url.toString(),
    ...(table === undefined ? {} : { table }),
    display,
    address: `${host}:${port}`,
    database,
    user,
    ...(password ? { password } : {}),
  };
}
