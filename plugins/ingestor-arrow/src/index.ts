import { definePlugin } from '@autopipe/core';
import { arrowIngestor } from './arrow-ingestor.js';

/** The Arrow IPC ingestor plugin (key `arrow`). */
export const plugin = definePlugin({ name: '@autopipe/ingestor-arrow', version: '0.1.0', core: '^0.1.0', provides: [arrowIngestor] });
export default plugin;
export { arrowIngestor };
