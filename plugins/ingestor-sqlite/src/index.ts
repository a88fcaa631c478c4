import { definePlugin } from '@autopipe/core';
import { sqliteIngestor } from './sqlite-ingestor.js';

/** The SQLite ingestor plugin (key `sqlite`). */
export const plugin = definePlugin({ name: '@autopipe/ingestor-sqlite', version: '0.1.0', core: '^0.1.0', provides: [sqliteIngestor] });
export default plugin;
export { sqliteIngestor };
