import type { SqlDriver } from './driver.js';

/** Bumped when the tables change incompatibly; a store written by a newer autopipe is refused. */
export const SCHEMA_VERSION = 1;

const TYPES = {
  sqlite: { int: 'INTEGER', big: 'INTEGER', real: 'REAL', blob: 'BLOB' },
  postgres: { int: 'INTEGER', big: 'BIGINT', real: 'DOUBLE PRECISION', blob: 'BYTEA' },
} as const;

/**
 * The tables. JSON is kept as TEXT in both databases: PostgreSQL's jsonb would reorder object keys, and a replayed
 * candidate must serialize exactly as the searcher asked it. Times are ISO-8601 text (sortable, portable).
 */
export function schema(dialect: SqlDriver['dialect']): string[] {
  const t = TYPES[dialect];
  return [
    `CREATE TABLE IF NOT EXISTS autopipe_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS runs (
      id TEXT PRIMARY KEY,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      finished_at TEXT,
      status TEXT NOT NULL,
      source TEXT NOT NULL,
      source_fingerprint TEXT,
      target TEXT NOT NULL,
      task TEXT,
      metric TEXT,
      seed ${t.big} NOT NULL,
      options TEXT NOT NULL,
      model_dir TEXT,
      autopipe_version TEXT NOT NULL,
      sessions ${t.int} NOT NULL,
      spent_seconds ${t.real} NOT NULL,
      host TEXT,
      pid ${t.int},
      error TEXT,
      leaderboard TEXT,
      failures TEXT,
      chosen TEXT,
      artifact TEXT,
      stopped_because TEXT,
      result_seconds TEXT
    )`,
    `CREATE TABLE IF NOT EXISTS trials (
      run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      trial ${t.int} NOT NULL,
      session ${t.int} NOT NULL,
      estimator TEXT NOT NULL,
      params TEXT NOT NULL,
      status TEXT NOT NULL,
      score ${t.real},
      std ${t.real},
      fold_scores TEXT,
      seconds ${t.real} NOT NULL,
      error TEXT,
      steps TEXT,
      oof ${t.blob},
      recorded_at TEXT NOT NULL,
      PRIMARY KEY (run_id, trial)
    )`,
    `CREATE INDEX IF NOT EXISTS runs_created ON runs (created_at)`,
  ];
}
