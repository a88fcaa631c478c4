import { existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { stagingName, type PredictionSink } from './prediction-sink.js';
import { quoteIdent, type SqlTarget } from './sql-target.js';

/**
 * A SQLite table: batches go into a staging table (one transaction per batch), and `commit` drops the old
 * table and renames the staging one in a single transaction, so readers see the old rows or all the new ones.
 * `abort` drops the staging table (and the database file, if this run created it).
 */
export function sqliteSink(target: SqlTarget): PredictionSink {
  const created = !existsSync(target.database);
  const staging = stagingName(target.table);
  let db: Database.Database | null = null;
  let insert: Database.Statement | null = null;
  return {
    display: target.display,
    async write(columns) {
      if (!db) {
        db = new Database(target.database);
        db.pragma('busy_timeout = 10000');
        db.exec(`CREATE TABLE ${quoteIdent(staging)} (${columns.map((c) => `${quoteIdent(c.name)} ${c.kind === 'number' ? 'REAL' : 'TEXT'}`).join(', ')})`);
        insert = db.prepare(`INSERT INTO ${quoteIdent(staging)} VALUES (${columns.map(() => '?').join(', ')})`);
      }
      const stmt = insert!;
      const n = columns.length > 0 ? columns[0].values.length : 0;
      const row: (string | number | null)[] = new Array(columns.length);
      db.transaction(() => {
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < columns.length; j++) {
            const v = columns[j].values[i];
            row[j] = typeof v === 'number' && Number.isNaN(v) ? null : v;
          }
          stmt.run(row);
        }
      })();
    },
    async commit() {
      if (!db) throw new Error('no batch was written');
      const open = db;
      open.transaction(() => {
        open.exec(`DROP TABLE IF EXISTS ${quoteIdent(target.table)}`);
        open.exec(`ALTER TABLE ${quoteIdent(staging)} RENAME TO ${quoteIdent(target.table)}`);
      })();
      open.close();
      db = null;
    },
    async abort() {
      if (db) {
        try {
          db.exec(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
        } finally {
          db.close();
          db = null;
        }
      }
      if (created) {
        for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${target.database}${suffix}`, { force: true });
      }
    },
  };
}
