import type pg from 'pg';
import { redactSource } from '@autopipe/runtime';
import { numberPlaceholders, type Row, type SqlDriver, type Statement } from './driver.js';

/**
 * One `pg` connection. Transactions are queued so the trial writes a synchronous observer fires one after another
 * never interleave their BEGIN/COMMIT on the shared connection.
 */
export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  readonly location: string;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly client: pg.Client, uri: string) {
    this.location = redactSource(uri);
  }

  static async connect(uri: string): Promise<PostgresDriver> {
    // Loaded here: a CLI recording runs in SQLite (the default) never loads `pg`.
    const { default: pgModule } = await import('pg');
    // BIGINT (the seed) arrives as text by default; seeds fit a double exactly.
    const types = {
      getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? (v: string) => Number(v) : pgModule.types.getTypeParser(oid, format as 'text')),
    };
    const client = new pgModule.Client({ connectionString: uri, types });
    // An idle connection dropped by the server must not crash the process; the next query reports it.
    client.on('error', () => undefined);
    await client.connect();
    return new PostgresDriver(client, uri);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  batch(statements: readonly Statement[]): Promise<void> {
    return this.serial(async () => {
      await this.client.query('BEGIN');
      try {
        for (const s of statements) await this.client.query(numberPlaceholders(s.sql), [...(s.params ?? [])]);
        await this.client.query('COMMIT');
      } catch (e) {
        await this.client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  all(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.serial(async () => (await this.client.query(numberPlaceholders(sql), [...params])).rows as Row[]);
  }

  close(): Promise<void> {
    return this.serial(() => this.client.end());
  }
}
