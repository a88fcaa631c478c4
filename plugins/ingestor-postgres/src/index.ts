import { definePlugin } from '@autopipe/core';
import { postgresIngestor } from './postgres-ingestor.js';

/** The PostgreSQL ingestor plugin (key `postgres`). */
export const plugin = definePlugin({ name: '@autopipe/ingestor-postgres', version: '0.1.0', core: '^0.1.0', provides: [postgresIngestor] });
export default plugin;
export { postgresIngestor };
