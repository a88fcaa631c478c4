import { definePlugin } from '@autopipe/core';
import { textTfidf } from './tfidf.js';

/** Text preprocessing: TF-IDF over word or character n-grams, with a capped vocabulary or feature hashing. */
export const plugin = definePlugin({
  name: '@autopipe/transformers-text',
  version: '0.1.0',
  core: '^0.1.0',
  provides: [textTfidf],
});
export default plugin;
export { textTfidf };
export { murmur3, murmur3String } from './murmur3.js';
export { wordTokens } from './analyze.js';
export type { TfidfParams } from './tfidf.js';
