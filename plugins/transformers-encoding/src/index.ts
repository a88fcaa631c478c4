import { definePlugin } from '@autopipe/core';
import { encodeFrequency } from './encode-frequency.js';
import { encodeOrdinal } from './encode-ordinal.js';
import { encodeTarget } from './encode-target.js';

/**
 * Categorical encoders for tree learners and high-cardinality columns: ordinal codes, frequency encoding, and
 * out-of-fold target encoding.
 */
export const plugin = definePlugin({
  name: '@autopipe/transformers-encoding',
  version: '0.1.0',
  core: '^0.1.0',
  provides: [encodeOrdinal, encodeFrequency, encodeTarget],
});
export default plugin;
export { encodeFrequency, encodeOrdinal, encodeTarget };
export type { FrequencyParams } from './encode-frequency.js';
export type { OrdinalParams } from './encode-ordinal.js';
export type { TargetEncodeParams } from './encode-target.js';
