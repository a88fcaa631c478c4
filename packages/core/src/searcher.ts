import type { Params, SearchSpace } from './search-space.js';

/** One configuration to evaluate: an estimator and its hyperparameters. */
export interface Candidate {
  readonly estimator: string;
  readonly params: Params;
  /**
   * Fraction in (0, 1] of each fold's training rows to fit on, for multi-fidelity searchers (successive halving,
   * ASHA, Hyperband); absent means 1. The runtime draws the rows with a seed of the trial, scores on the full
   * validation rows, and considers only full-fidelity trials for the leader and ensembles.
   */
  readonly fidelity?: number;
}

/** What a searcher may choose from: each eligible estimator with its defaults and space. */
export interface SearchDomain {
  readonly estimators: readonly {
    readonly key: string;
    readonly defaults: Params;
    readonly space: SearchSpace;
    /** Configurations to try first (complete params), from the estimator's portfolio. */
    readonly portfolio?: readonly Params[];
    /** Relative cost of one fit at the defaults, when the estimator declares it. */
    readonly cost?: number;
  }[];
}

/** The outcome of one trial; `loss` is minimized (the runtime negates maximized metrics). */
export interface TrialResult {
  readonly id: number;
  readonly candidate: Candidate;
  /** `null` when the trial failed or timed out. */
  readonly loss: number | null;
  readonly seconds: number;
  readonly error?: string;
}

/** A running search. `ask` returns `undefined` when the searcher has nothing left to propose. */
export interface Searcher {
  ask(): Candidate | undefined;
  tell(result: TrialResult): void;
}

export interface SearcherOptions {
  readonly seed: number;
}

/** A searcher plugin: creates a search over a domain; the same seed and results give the same asks. */
export interface SearcherDefinition {
  readonly kind: 'searcher';
  readonly key: string;
  readonly description: string;
  create(domain: SearchDomain, options: SearcherOptions): Searcher;
}
