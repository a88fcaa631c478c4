import type { SqlBackend } from './sql.js';

/**
 * The registry's tables, in SQL both SQLite and PostgreSQL accept. `registry_models.latest` is the version
 * counter: bumping it with UPDATE ... RETURNING inside the push transaction both numbers the version and (in
 * PostgreSQL) row-locks the name, so concurrent pushes get N and N+1, never the same N. The partial unique index
 * makes "at most one production version per name" a database fact, not just a code path.
 */
export async function migrate(db: SqlBackend): Promise<void> {
  const ddl = [
    `CREATE TABLE IF NOT EXISTS registry_models (
       name TEXT PRIMARY KEY,
       latest INTEGER NOT NULL,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS registry_versions (
       name TEXT NOT NULL REFERENCES registry_models(name),
       version INTEGER NOT NULL,
       stage TEXT NOT NULL,
       description TEXT,
       task TEXT NOT NULL,
       target TEXT NOT NULL,
       metric TEXT,
       score DOUBLE PRECISION,
       weights_sha256 TEXT NOT NULL,
       trained_at TEXT NOT NULL,
       created_at TEXT NOT NULL,
       PRIMARY KEY (name, version))`,
    `CREATE UNIQUE INDEX IF NOT EXISTS registry_one_production ON registry_versions (name) WHERE stage = 'production'`,
    `CREATE TABLE IF NOT EXISTS registry_events (
       id ${db.autoIdColumn},
       name TEXT NOT NULL,
       version INTEGER NOT NULL,
       from_stage TEXT,
       to_stage TEXT NOT NULL,
       reason TEXT NOT NULL,
       at TEXT NOT NULL)`,
  ];
  if (db.kind === 'postgres') {
    // Two processes opening a fresh database at once would race on CREATE TABLE; an advisory lock orders them.
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7007007)');
      for (const s of ddl) await tx.query(s);
    });
    return;
  }
  for (const s of ddl) await db.query(s);
}
