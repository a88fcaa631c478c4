import type { SearcherDefinition } from '@autopipe/core';
import { AshaSearch } from './asha-search.js';
import { TpeProposer } from './tpe-proposer.js';
import { halving, type HalvingOptions } from './rungs.js';

/** An ASHA searcher definition with its own η, lowest fidelity and key (defaults: η = 3, 1/27, `asha`). */
export function createAsha(options: HalvingOptions & { readonly key?: string } = {}): SearcherDefinition {
  const h = halving(options);
  return {
    kind: 'searcher',
    key: options.key ?? 'asha',
    description: `Asynchronous successive halving (η = ${h.eta}, fidelities ${h.rungs.map((r) => +r.toPrecision(3)).join(', ')} of the training rows): portfolio first, then configurations from a TPE model (or random); the best 1/η of each rung are refitted on more rows.`,
    create: (domain, o) => new AshaSearch(domain, o.seed, h, h.sampler === 'tpe' ? new TpeProposer(domain) : undefined),
  };
}

/** ASHA (key `asha`): η = 3, rungs 1/27, 1/9, 1/3, 1 of each fold's training rows. */
export const asha: SearcherDefinition = createAsha();
