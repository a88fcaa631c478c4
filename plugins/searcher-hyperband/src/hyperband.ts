import type { SearcherDefinition } from '@autopipe/core';
import { HyperbandSearch } from './hyperband-search.js';
import { TpeProposer } from './tpe-proposer.js';
import { halving, type HalvingOptions } from './rungs.js';

/** A Hyperband searcher definition with its own η, lowest fidelity and key (defaults: η = 3, 1/27, `hyperband`). */
export function createHyperband(options: HalvingOptions & { readonly key?: string } = {}): SearcherDefinition {
  const h = halving(options);
  return {
    kind: 'searcher',
    key: options.key ?? 'hyperband',
    description: `Hyperband (η = ${h.eta}, fidelities ${h.rungs.map((r) => +r.toPrecision(3)).join(', ')} of the training rows): brackets of successive halving from aggressive to full-fidelity, portfolio first, then configurations from a TPE model (or random).`,
    create: (domain, o) => new HyperbandSearch(domain, o.seed, h, h.sampler === 'tpe' ? new TpeProposer(domain) : undefined),
  };
}

/** Hyperband (key `hyperband`): η = 3, rungs 1/27, 1/9, 1/3, 1 of each fold's training rows. */
export const hyperband: SearcherDefinition = createHyperband();
