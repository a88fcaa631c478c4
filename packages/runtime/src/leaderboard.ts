import type { Params } from '@autopipe/core';
import type { StepSpec } from './planner.js';

/** One evaluated candidate. `score` is the metric on out-of-fold predictions; `std` is across folds. */
export interface LeaderboardRow {
  readonly rank: number;
  readonly trial: number;
  readonly estimator: string;
  readonly params: Params;
  readonly score: number;
  readonly std: number;
  readonly foldScores: readonly number[];
  readonly seconds: number;
  readonly steps: readonly StepSpec[];
  /** Fraction of the training rows the trial was fitted on, when below 1 (multi-fidelity search). */
  readonly fidelity?: number;
  /** For the ensemble row (trial 0): its member trials and weights. */
  readonly members?: readonly { readonly trial: number; readonly weight: number; readonly estimator: string }[];
}

export interface FailedTrial {
  readonly trial: number;
  readonly estimator: string;
  readonly params: Params;
  readonly error: string;
}

/**
 * Sorts by loss (metric direction applied), ties by trial number, and assigns ranks. Trials fitted on a fraction of the
 * rows (multi-fidelity search) rank after every full-fidelity row: their scores answer a different question.
 */
export function rankRows(rows: readonly Omit<LeaderboardRow, 'rank'>[], direction: 'max' | 'min'): LeaderboardRow[] {
  const sign = direction === 'max' ? -1 : 1;
  const partial = (r: Omit<LeaderboardRow, 'rank'>) => (r.fidelity !== undefined && r.fidelity < 1 ? 1 : 0);
  return [...rows]
    .sort((a, b) => partial(a) - partial(b) || sign * (a.score - b.score) || a.trial - b.trial)
    .map((r, i) => ({ ...r, rank: i + 1 }));
}
