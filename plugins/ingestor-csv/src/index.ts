import { definePlugin } from '@autopipe/core';
import { csvIngestor, csvIngestorWith } from './csv-ingestor.js';

/** The CSV/TSV ingestor plugin (key `csv`). Type inference lives in `@autopipe/ingest`. */
export const plugin = definePlugin({ name: '@autopipe/ingestor-csv', version: '0.1.0', core: '^0.1.0', provides: [csvIngestor] });
export default plugin;
export { csvIngestor, csvIngestorWith };
export { DUCKDB_MIN_BYTES, type CsvEngine } from './engine.js';
export { sniffDelimiter, CANDIDATE_DELIMITERS } from './sniff-delimiter.js';
