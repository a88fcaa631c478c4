import type { Params, Rng, SearchDomain } from '@autopipe/core';

/** A model of good configurations that new ones can be drawn from (e.g. TPE); the halving searchers feed it results. */
export interface Proposer {
  /** Records a finished trial; `loss` is null when it failed. */
  observe(estimator: string, params: Params, fidelity: number, loss: number | null): void;
  /** A configuration of `arm` the model expects to be good, or undefined while it knows too little. */
  propose(arm: SearchDomain['estimators'][number], rng: Rng): Params | undefined;
}
