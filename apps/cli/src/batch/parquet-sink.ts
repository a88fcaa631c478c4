import { renameSync, rmSync } from 'node:fs';
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { duckdb } from './duckdb.js';
import type { OutputColumn } from './prediction-columns.js';
import { tempBeside, type PredictionSink } from './prediction-sink.js';

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteStr = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Parquet through DuckDB: batches are appended to a table in a temp DuckDB database file beside the output
 * (on disk, so memory stays bounded by DuckDB's buffer pool, not the row count), then one `COPY ... (FORMAT
 * parquet)` writes a temp Parquet file that is renamed into place; the database file is removed either way.
 */
export function parquetSink(path: string): PredictionSink {
  const dbPath = tempBeside(path, '.duckdb');
  const tmp = tempBeside(path);
  let instance: DuckDBInstance | null = null;
  let conn: DuckDBConnection | null = null;
  let appender: DuckDBAppender | null = null;
  const close = () => {
    appender?.closeSync();
    appender = null;
    conn?.closeSync();
    instance?.closeSync();
    conn = null;
    instance = null;
    rmSync(dbPath, { force: true });
    rmSync(`${dbPath}.wal`, { force: true });
  };
  return {
    display: path,
    async write(columns) {
      if (!appender) {
        instance = await duckdb().DuckDBInstance.create(dbPath, { threads: '1', memory_limit: '256MB' });
        conn = await instance.connect();
        await conn.run(`CREATE TABLE preds (${columns.map((c) => `${quoteId(c.name)} ${c.kind === 'number' ? 'DOUBLE' : 'VARCHAR'}`).join(', ')})`);
        appender = await conn.createAppender('preds');
      }
      append(appender, columns);
    },
    async commit() {
      if (!conn || !appender) throw new Error('no batch was written');
      appender.closeSync();
      appender = null;
      await conn.run(`COPY preds TO ${quoteStr(tmp)} (FORMAT parquet)`);
      close();
      renameSync(tmp, path);
    },
    async abort() {
      try {
        close();
      } finally {
        rmSync(tmp, { force: true });
      }
    },
  };
}

function append(appender: DuckDBAppender, columns: readonly OutputColumn[]): void {
  const n = columns.length > 0 ? columns[0].values.length : 0;
  for (let i = 0; i < n; i++) {
    for (const c of columns) {
      const v = c.values[i];
      if (v === null || (typeof v === 'number' && Number.isNaN(v))) appender.appendNull();
      else if (c.kind === 'number') appender.appendDouble(v as number);
      else appender.appendVarchar(String(v));
    }
    appender.endRow();
  }
}
