import { definePlugin } from '@autopipe/core';
import { jsonIngestor } from './json-ingestor.js';

/** The JSON/NDJSON ingestor plugin (key `json`). */
export const plugin = definePlugin({ name: '@autopipe/ingestor-json', version: '0.1.0', core: '^0.1.0', provides: [jsonIngestor] });
export default plugin;
export { jsonIngestor };
