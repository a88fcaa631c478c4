import { createRequire } from 'node:module';

/**
 * @duckdb/node-api, loaded on first use: its native binding took a tenth of a second of every CLI start, and only
 * Parquet output and row counts of Parquet/CSV inputs need it. CommonJS, so require() skips the ESM export lexing.
 */
export const duckdb = (): typeof import('@duckdb/node-api') => createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');
