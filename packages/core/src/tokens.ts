/**
 * Dependency-injection tokens. `Symbol.for` so that two copies of core in one process still agree.
 * Provisions of one kind share a token and are collected with `resolveAll`.
 */
export const TOKENS = {
  Logger: Symbol.for('autopipe.Logger'),
  Ingestor: Symbol.for('autopipe.Ingestor'),
  Transformer: Symbol.for('autopipe.Transformer'),
  Estimator: Symbol.for('autopipe.Estimator'),
  Searcher: Symbol.for('autopipe.Searcher'),
  Metric: Symbol.for('autopipe.Metric'),
  Deployer: Symbol.for('autopipe.Deployer'),
  Plugin: Symbol.for('autopipe.Plugin'),
} as const;
