import { definePlugin } from '@autopipe/core';
import { parquetIngestor } from './parquet-ingestor.js';

/** The Parquet ingestor plugin (key `parquet`). */
export const plugin = definePlugin({ name: '@autopipe/ingestor-parquet', version: '0.1.0', core: '^0.1.0', provides: [parquetIngestor] });
export default plugin;
export { parquetIngestor };
