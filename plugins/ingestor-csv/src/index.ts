import { definePlugin } from '@autopipe/core';
import { csvIngestor } from './csv-ingestor.js';

/** The CSV/TSV ingestor plugin (key `csv`). */
export const plugin = definePlugin({ name: '@autopipe/ingestor-csv', version: '0.1.0', core: '^0.1.0', provides: [csvIngestor] });
export default plugin;
export { csvIngestor };
export { inferType, parseBoolean, parseNumber, type InferOptions } from './infer-types.js';
export { toColumn, type CellLocator } from './to-column.js';
export { DEFAULT_MISSING, missingTest } from './missing.js';
export { sniffDelimiter, CANDIDATE_DELIMITERS } from './sniff-delimiter.js';
