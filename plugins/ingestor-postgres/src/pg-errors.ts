import { AutopipeError, inputError, isAutopipeError, type ErrorCode } from '@autopipe/core';
import type { PgSource } from './pg-source.js';

/** What was being read when PostgreSQL failed, for the message. */
export interface PgTarget {
  readonly src: PgSource;
  readonly table?: string;
  readonly query?: string;
}

interface PgErrorLike {
  readonly code?: string;
  readonly message?: string;
  readonly position?: string;
}

/**
 * Maps a driver or server failure to a one-line input error that names the (password-redacted) source and says
 * what to do. `tables` lists readable tables for the unknown-table message, when the connection still works.
 */
export async function pgError(e: unknown, at: PgTarget, tables: () => Promise<readonly string[]>): Promise<AutopipeError> {
  if (isAutopipeError(e)) return e as AutopipeError;
  const err = (e ?? {}) as PgErrorLike;
  const code = err.code ?? '';
  const msg = err.message ?? String(e);
  const { display, address, database, user } = at.src;
  const fail = (c: ErrorCode, message: string, details: Record<string, unknown> = {}) =>
    inputError(c, scrub(message, at.src.password), { source: display, ...(code ? { code } : {}), ...details });

  switch (code) {
    case 'ECONNREFUSED':
      return fail('CONNECTION_FAILED', `${display}: connection to ${address} was refused; is the server running and accepting TCP connections on that host and port?`, { address });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return fail('CONNECTION_FAILED', `${display}: host ${address.replace(/:\d+$/, '')} was not found; check the host name in the URI.`, { address });
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
      return fail('CONNECTION_FAILED', `${display}: could not reach ${address} (${code}); check the host, port, firewall and that the server is running.`, { address });
    case '28P01':
    case '28000':
      return fail('CONNECTION_FAILED', `${display}: authentication failed for user "${user}" at ${address}; check the user and password in the URI (or PGPASSWORD).`, { address, user });
    case '3D000':
      return fail('FILE_NOT_FOUND', `${display}: database "${database}" does not exist on ${address}; check the database name in the URI.`, { address, database });
    case '42P01':
    case '3F000':
      if (at.query === undefined && at.table !== undefined) {
        const names = await tables().catch(() => [] as readonly string[]);
        const known = names.length > 0 ? `readable tables are: ${names.join(', ')}` : 'it has no readable tables';
        return fail('UNKNOWN_TABLE', `${display}: table "${at.table}" does not exist in database "${database}"; ${known}. Fix ?table= in the source.`, { table: at.table, tables: names });
      }
      break;
    case '25006':
      return fail('INVALID_ARGUMENT', `${display}: the query tries to change data (${msg}); autopipe only reads, pass a SELECT statement.`, { query: at.query });
  }
  if (/timeout|timed out/i.test(msg) && !/^[0-9A-Z]{5}$/.test(code)) {
    return fail('CONNECTION_FAILED', `${display}: connecting to ${address} timed out; check the host, port and that the server is running.`, { address });
  }
  if (/SASL|password must be a string/i.test(msg)) {
    return fail('CONNECTION_FAILED', `${display}: the server at ${address} requires a password for user "${user}"; put it in the URI (postgres://user:password@host/db) or in PGPASSWORD.`, { address, user });
  }
  // Any other SQLSTATE is the server rejecting the statement: show its message (and where in the query).
  if (/^[0-9A-Z]{5}$/.test(code)) {
    const where = err.position && at.query !== undefined ? ` at character ${err.position}` : '';
    const what = at.query !== undefined ? 'the query failed' : `reading table "${at.table}" failed`;
    const fix = at.query !== undefined ? 'Fix the query and try again.' : 'Check the table and your permissions.';
    return fail('QUERY_FAILED', `${display}: ${what}: ${msg}${where}. ${fix}`, { query: at.query, table: at.table });
  }
  return fail('CONNECTION_FAILED', `${display}: reading from ${address} failed: ${oneLine(msg)}.`, { address });
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/** Removes a password from any text, in case a driver message quotes the connection string. */
export function scrub(message: string, password: string | undefined): string {
  const m = oneLine(message);
  return password && password.length > 0 ? m.split(password).join('***') : m;
}
