/**
 * Which parser reads a file: `duckdb` (DuckDB's native, multi-threaded CSV reader, with our inference on top),
 * `csv-parse` (the streaming JS parser), or `auto`: DuckDB from `DUCKDB_MIN_BYTES` up. DuckDB is only ever
 * trusted with inputs it reads exactly like csv-parse; anything else (and every malformed file) goes to
 * csv-parse whatever the engine, so results and error messages do not depend on it.
 */
export type CsvEngine = 'auto' | 'duckdb' | 'csv-parse';

/** Below this size DuckDB's start-up (tens of milliseconds) costs more than its parsing saves. */
export const DUCKDB_MIN_BYTES = 2 << 20;

export function usesDuckDb(engine: CsvEngine, bytes: number): boolean {
  return engine === 'duckdb' || (engine === 'auto' && bytes >= DUCKDB_MIN_BYTES);
}

export function reason(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0] : String(e);
}
