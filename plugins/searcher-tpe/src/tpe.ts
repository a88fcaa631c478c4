import type { SearcherDefinition } from '@autopipe/core';
import { TpeSearch } from './tpe-search.js';

/** TPE (key `tpe`): defaults, portfolio, 10 random trials, then Bayesian optimization by l(x)/g(x); deterministic in the seed. */
export const tpe: SearcherDefinition = {
  kind: 'searcher',
  key: 'tpe',
  description: 'Tree-structured Parzen Estimator: defaults and portfolio first, then Bayesian optimization over mixed, conditional spaces.',
  create: (domain, options) => new TpeSearch(domain, options.seed),
};
