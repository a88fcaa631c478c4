import { inputError } from '@autopipe/core';

/** Settings shared by the successive-halving searchers. */
export interface HalvingOptions {
  /** Reduction factor η: each rung keeps the best 1/η of the rung below and fits on η times more rows. */
  readonly eta?: number;
  /** Fidelity of the lowest rung; the ladder is η^-k for every k with η^-k ≥ minFidelity, ending at 1. */
  readonly minFidelity?: number;
  /**
   * New configurations evaluated at fidelity 1 straight away, before any halving: the runtime picks its leader among
   * full-fidelity trials only, so the first one makes even a very short run end with a model.
   */
  readonly fullFirst?: number;
  /** How new configurations are drawn after the portfolio: a small TPE (BOHB-style, default) or uniformly at random. */
  readonly sampler?: 'tpe' | 'random';
}

export interface Halving {
  readonly eta: number;
  /** Fidelities of the rungs, lowest first; the last is exactly 1. */
  readonly rungs: readonly number[];
  readonly fullFirst: number;
  readonly sampler: 'tpe' | 'random';
}

export const DEFAULT_ETA = 3;
export const DEFAULT_MIN_FIDELITY = 1 / 27;

/** Checks the options and builds the rung ladder, e.g. η = 3, min 1/27 → [1/27, 1/9, 1/3, 1]. */
export function halving(o: HalvingOptions = {}): Halving {
  const eta = o.eta ?? DEFAULT_ETA;
  const min = o.minFidelity ?? DEFAULT_MIN_FIDELITY;
  const fullFirst = o.fullFirst ?? 1;
  if (!(Number.isFinite(eta) && eta > 1)) throw inputError('INVALID_ARGUMENT', `Successive halving: eta must be a number above 1 (3 is usual), got ${eta}.`, { eta });
  if (!(min > 0 && min <= 1)) throw inputError('INVALID_ARGUMENT', `Successive halving: minFidelity must be in (0, 1] (e.g. 1/27), got ${min}.`, { minFidelity: min });
  if (!(Number.isInteger(fullFirst) && fullFirst >= 0)) throw inputError('INVALID_ARGUMENT', `Successive halving: fullFirst must be a whole number ≥ 0, got ${fullFirst}.`, { fullFirst });
  // The epsilon keeps 1/27 with η = 3 at three halvings despite rounding in the logarithms.
  const top = Math.floor(Math.log(1 / min) / Math.log(eta) + 1e-9);
  const rungs: number[] = [];
  for (let k = top; k > 0; k--) rungs.push(eta ** -k);
  rungs.push(1);
  const sampler = o.sampler ?? 'tpe';
  if (sampler !== 'tpe' && sampler !== 'random') throw inputError('INVALID_ARGUMENT', `Successive halving: sampler must be "tpe" or "random", got ${JSON.stringify(sampler)}.`, { sampler });
  return { eta, rungs, fullFirst, sampler };
}

/** The rung index of a fidelity (absent means 1), or -1 when it is not on the ladder. */
export function rungOf(h: Halving, fidelity: number | undefined): number {
  const f = fidelity ?? 1;
  return h.rungs.findIndex((r) => Math.abs(r - f) <= 1e-12 * r);
}
