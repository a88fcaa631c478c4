import { inputError, type SearchSpace } from '@autopipe/core';

/** Hyperparameters of `knn`; names and meanings follow scikit-learn's KNeighbors*. */
export type KnnParams = {
  /** Neighbours consulted; more than the training rows is clamped to the training rows. */
  readonly n_neighbors: number;
  /** `uniform` (every neighbour counts once) or `distance` (inverse-distance weights). */
  readonly weights: string;
  /** Minkowski power: 1 = Manhattan, 2 = Euclidean. */
  readonly p: number;
  /** `auto`, `kd_tree` or `brute`; every choice returns the same neighbours. */
  readonly algorithm: string;
  /** Most training points in a KD-tree leaf (roughly: leaves hold leaf_size..2·leaf_size points). */
  readonly leaf_size: number;
  /** Pseudo-neighbours at the class prior mixed into class votes; 0 gives raw votes like scikit-learn. */
  readonly prior_smoothing: number;
};

export const KEY = 'knn';

export const defaults: KnnParams = { n_neighbors: 5, weights: 'uniform', p: 2, algorithm: 'auto', leaf_size: 30, prior_smoothing: 1 };

// leaf_size and algorithm change speed, never predictions, so searching them would only waste trials.
export const space: SearchSpace = {
  n_neighbors: { kind: 'int', low: 1, high: 50, log: true },
  weights: { kind: 'categorical', choices: ['uniform', 'distance'] },
  p: { kind: 'categorical', choices: [1, 2] },
};

export function checkParams(p: KnnParams): void {
  const bad = (param: keyof KnnParams, want: string): never => {
    throw inputError('INVALID_PARAMS', `Estimator "${KEY}": hyperparameter "${param}" must be ${want}, got ${JSON.stringify(p[param])}.`, { estimator: KEY, param });
  };
  if (!Number.isInteger(p.n_neighbors) || p.n_neighbors < 1) bad('n_neighbors', 'an integer >= 1');
  if (p.weights !== 'uniform' && p.weights !== 'distance') bad('weights', '"uniform" or "distance"');
  if (p.p !== 1 && p.p !== 2) bad('p', '1 (Manhattan) or 2 (Euclidean)');
  if (p.algorithm !== 'auto' && p.algorithm !== 'kd_tree' && p.algorithm !== 'brute') bad('algorithm', '"auto", "kd_tree" or "brute"');
  if (!Number.isInteger(p.leaf_size) || p.leaf_size < 1) bad('leaf_size', 'an integer >= 1');
  if (!(p.prior_smoothing >= 0) || !Number.isFinite(p.prior_smoothing)) bad('prior_smoothing', 'a number >= 0');
}
