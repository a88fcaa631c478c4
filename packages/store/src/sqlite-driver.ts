import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Row, SqlDriver, Statement } from './driver.js';

/**
 * better-sqlite3 in WAL mode. Writes are synchronous: when `batch` returns, the transaction is in the WAL, so a
 * SIGKILL right after loses nothing (synchronous=FULL also survives power loss).
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  readonly location: string;
  private readonly db: Database.Database;
  private readonly cache = new Map<string, Database.Statement>();

  constructor(path: string, options: { readonly?: boolean } = {}) {
    this.location = resolve(path);
    if (!options.readonly) mkdirSync(dirname(this.location), { recursive: true });
    this.db = new Database(this.location, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    // Another process (a running train, a `runs list`) may hold the lock for a moment.
    this.db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
    }
  }

  private prepare(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) this.cache.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  batch(statements: readonly Statement[]): Promise<void> {
    try {
      this.db.transaction(() => {
        for (const s of statements) this.prepare(s.sql).run(...(s.params ?? []));
      }).immediate();
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e);
    }
  }

  all(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    try {
      return Promise.resolve(this.prepare(sql).all(...params) as Row[]);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
