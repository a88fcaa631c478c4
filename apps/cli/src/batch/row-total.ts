import { open, stat } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { duckdb } from './duckdb.js';

/** How many rows a source holds: exact, or an estimate for text files. */
export interface RowTotal {
  readonly rows: number;
  readonly exact: boolean;
}

// Bytes sampled at the start of a text file to estimate the bytes per row.
const SAMPLE = 1 << 20;

/**
 * The row count of a source when it is cheap to know, for the progress bar: a SQLite table's `COUNT(*)`, the Parquet
 * footer (through DuckDB), or, for delimited text and NDJSON, the file size divided by the mean line length of
 * its first MiB (an estimate). Null for anything else (a PostgreSQL count may scan the table) or on any error:
 * the total is a nicety and must never fail a run.
 */
export async function rowTotal(ingestor: string, source: string, query: string | undefined): Promise<RowTotal | null> {
  try {
    if (ingestor === 'csv' || (ingestor === 'json' && /\.(ndjson|jsonl)$/i.test(source))) return await textEstimate(source, ingestor === 'csv');
    if (ingestor === 'sqlite') return sqliteCount(source, query);
    if (ingestor === 'parquet') return await parquetCount(source);
  } catch {
    return null;
  }
  return null;
}

async function textEstimate(source: string, header: boolean): Promise<RowTotal | null> {
  const path = source.replace(/^file:\/\//i, '');
  const { size } = await stat(path);
  const fd = await open(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(size, SAMPLE));
    const { bytesRead } = await fd.read(buf, 0, buf.length, 0);
    let lines = 0;
    for (let i = buf.indexOf(0x0a); i >= 0 && i < bytesRead; i = buf.indexOf(0x0a, i + 1)) lines++;
    if (bytesRead === size) {
      const last = size > 0 && buf[bytesRead - 1] !== 0x0a ? 1 : 0;
      return { rows: Math.max(0, lines + last - (header ? 1 : 0)), exact: false };
    }
    if (lines === 0) return null;
    return { rows: Math.round((size / bytesRead) * lines) - (header ? 1 : 0), exact: false };
  } finally {
    await fd.close();
  }
}

function sqliteCount(source: string, query: string | undefined): RowTotal | null {
  let rest = source.replace(/^sqlite:/i, '');
  if (rest.startsWith('//')) rest = rest.slice(2);
  const q = rest.indexOf('?');
  const table = new URLSearchParams(q < 0 ? '' : rest.slice(q + 1)).get('table');
  // A query could be slow to run twice; only a table's count is cheap.
  if (query !== undefined || !table) return null;
  const sql = `SELECT COUNT(*) FROM "${table.replace(/"/g, '""')}"`;
  const db = new Database(q < 0 ? rest : rest.slice(0, q), { readonly: true, fileMustExist: true });
  try {
    return { rows: Number(db.prepare(sql).pluck().get()), exact: true };
  } finally {
    db.close();
  }
}

async function parquetCount(source: string): Promise<RowTotal> {
  const instance = await duckdb().DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const path = source.replace(/^file:\/\//i, '');
    const result = await conn.run(`SELECT count(*) FROM read_parquet('${path.replace(/'/g, "''")}')`);
    const rows = await result.getRows();
    return { rows: Number(rows[0][0]), exact: true };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
