import type { SearcherDefinition } from '@autopipe/core';
import { CfoSearch } from './cfo-search.js';

/** Cost-frugal search (key `cfo`): cheap defaults and portfolio first, then FLOW² per estimator chosen by ECI; deterministic in the seed. */
export const cfo: SearcherDefinition = {
  kind: 'searcher',
  key: 'cfo',
  description: 'Cost-frugal search (FLAML CFO style): cheap defaults and portfolio first, then local search per estimator, budget by expected improvement per second.',
  create: (domain, options) => new CfoSearch(domain, options.seed),
};
