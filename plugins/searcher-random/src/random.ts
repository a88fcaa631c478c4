import type { SearcherDefinition } from '@autopipe/core';
import { RandomSearch } from './random-search.js';

/** Seeded random search (key `random`): defaults first, then portfolio entries, then uniform samples; deterministic in the seed. */
export const random: SearcherDefinition = {
  kind: 'searcher',
  key: 'random',
  description: 'Random search: each estimator\'s defaults first, then its portfolio entries, then uniform samples of a uniformly chosen estimator\'s space.',
  create: (domain, options) => new RandomSearch(domain, options.seed),
};
