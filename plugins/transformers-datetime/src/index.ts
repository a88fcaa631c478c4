import { definePlugin } from '@autopipe/core';
import { datetimeFeatures } from './datetime-features.js';

/** Datetime preprocessing: calendar, cyclic and elapsed-time features from ISO-8601 datetime columns. */
export const plugin = definePlugin({
  name: '@autopipe/transformers-datetime',
  version: '0.1.0',
  core: '^0.1.0',
  provides: [datetimeFeatures],
});
export default plugin;
export { datetimeFeatures };
export { parseDateTime } from './parse-datetime.js';
export type { DatetimeFeaturesParams } from './datetime-features.js';
