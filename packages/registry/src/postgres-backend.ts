import { AutopipeError } from '@autopipe/core';
import type pg from 'pg';
import type { SqlBackend, SqlExecutor } from './sql.js';

/** `?` placeholders to PostgreSQL's `$1, $2, ...` (the registry's SQL has no `?` inside string literals). */
function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

/** A connection URL with its password hidden, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@?#]*):[^@/?#]*@/i, '$1:***@').replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/** PostgreSQL through a `pg` pool; a transaction holds one pooled client from BEGIN to COMMIT. */
export class PostgresBackend implements SqlBackend {
  readonly kind = 'postgres' as const;
  readonly autoIdColumn = 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY';
  private opened?: Promise<pg.Pool>;

  constructor(readonly url: string) {}

  /** The pool, made on first use: `pg` loads only when a PostgreSQL registry is used (a tenth of the CLI's start-up). */
  private pool(): Promise<pg.Pool> {
    this.opened ??= import('pg').then(({ default: pgModule }) => {
      const pool = new pgModule.Pool({ connectionString: this.url, max: 4 });
      // An idle client losing its server must not crash the process; the next query reports the failure.
      pool.on('error', () => undefined);
      return pool;
    });
    return this.opened;
  }

  private fail(e: unknown): never {
    if (e instanceof AutopipeError) throw e;
    const err = e as { code?: string; message?: string };
    const network = typeof err.code === 'string' && /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|28P01|28000|3D000)$/.test(err.code);
    if (network) {
      throw new AutopipeError('CONNECTION_FAILED', `Model registry ${redactUrl(this.url)}: could not connect (${err.message ?? err.code}); check the URL, credentials and that the server is running.`, { url: redactUrl(this.url) });
    }
    throw e;
  }

  async query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    try {
      return (await (await this.pool()).query(numbered(sql), params as unknown[])).rows as T[];
    } catch (e) {
      return this.fail(e);
    }
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await (await this.pool()).connect();
    } catch (e) {
      return this.fail(e);
    }
    try {
      await client.query('BEGIN');
      const out = await fn({ query: async <R>(sql: string, params: readonly unknown[] = []) => (await client.query(numbered(sql), params as unknown[])).rows as R[] });
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.opened) await (await this.opened).end();
  }
}
