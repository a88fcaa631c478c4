import { definePlugin } from '@autopipe/core';
import { gaussianNb } from './gaussian-nb.js';
import { multinomialNb } from './multinomial-nb.js';

/** Naive Bayes classifiers: `gaussian_nb` (real-valued features) and `multinomial_nb` (counts / TF-IDF). */
export const plugin = definePlugin({ name: '@autopipe/estimator-naive-bayes', version: '0.1.0', core: '^0.1.0', provides: [gaussianNb, multinomialNb] });
export default plugin;
export { gaussianNb, multinomialNb };
export type { GaussianNbParams } from './gaussian-nb.js';
export type { MultinomialNbParams } from './multinomial-nb.js';
