import type pg from 'pg';
import { stagingName, type PredictionSink } from './prediction-sink.js';
import { quoteIdent, type SqlTarget } from './sql-target.js';

/**
 * A PostgreSQL table: batches go into a staging table with one `INSERT ... SELECT FROM unnest(...)` per batch
 * (the batch's columns as array parameters, one round trip), and `commit` drops the old table and renames the
 * staging one in one transaction. `abort` drops the staging table.
 */
export function postgresSink(target: SqlTarget): PredictionSink {
  const staging = stagingName(target.table);
  const qualify = (name: string) => (target.schema === undefined ? quoteIdent(name) : `${quoteIdent(target.schema)}.${quoteIdent(name)}`);
  let client: pg.Client | null = null;
  let insert = '';
  const end = async () => {
    const c = client;
    client = null;
    await c?.end().catch(() => undefined);
  };
  return {
    display: target.display,
    async write(columns) {
      if (!client) {
        // Loaded here: predictions written to files or SQLite never load `pg`.
        const { default: pgModule } = await import('pg');
        const c = new pgModule.Client({ connectionString: target.database, connectionTimeoutMillis: 10_000 });
        c.on('error', () => undefined);
        await c.connect();
        client = c;
        await c.query(`CREATE TABLE ${qualify(staging)} (${columns.map((col) => `${quoteIdent(col.name)} ${col.kind === 'number' ? 'double precision' : 'text'}`).join(', ')})`);
        const arrays = columns.map((col, j) => `$${j + 1}::${col.kind === 'number' ? 'float8' : 'text'}[]`);
        insert = `INSERT INTO ${qualify(staging)} SELECT * FROM unnest(${arrays.join(', ')})`;
      }
      await client.query(insert, columns.map((c) => Array.from(c.values, (v) => (typeof v === 'number' && Number.isNaN(v) ? null : v))));
    },
    async commit() {
      const c = client;
      if (!c) throw new Error('no batch was written');
      try {
        await c.query('BEGIN');
        await c.query(`DROP TABLE IF EXISTS ${qualify(target.table)}`);
        await c.query(`ALTER TABLE ${qualify(staging)} RENAME TO ${quoteIdent(target.table)}`);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
      await end();
    },
    async abort() {
      try {
        await client?.query(`DROP TABLE IF EXISTS ${qualify(staging)}`);
      } finally {
        await end();
      }
    },
  };
}
