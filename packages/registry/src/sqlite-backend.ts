import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SqlBackend, SqlExecutor } from './sql.js';

/**
 * SQLite through better-sqlite3. The driver is synchronous and one connection has one transaction, so every
 * statement and transaction goes through a queue: an async transaction never lets another caller's statement
 * slip inside it. `BEGIN IMMEDIATE` takes the write lock up front, so two processes pushing at once serialize
 * (the busy timeout makes the second wait instead of failing).
 */
export class SqliteBackend implements SqlBackend {
  readonly kind = 'sqlite' as const;
  readonly autoIdColumn = 'INTEGER PRIMARY KEY AUTOINCREMENT';
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 10000');
  }

  private run<T>(sql: string, params: readonly unknown[]): T[] {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    if (st.reader) return st.all(...params) as T[];
    st.run(...params);
    return [];
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.exclusive(async () => this.run<T>(sql, params));
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn({ query: async <R>(sql: string, params: readonly unknown[] = []) => this.run<R>(sql, params) });
        this.db.exec('COMMIT');
        return out;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    await this.queue;
    this.db.close();
  }
}
