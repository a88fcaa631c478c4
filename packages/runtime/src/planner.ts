import type { ColumnSchema, EstimatorDefinition, Params } from '@autopipe/core';

/** One preprocessing step: a transformer key, the columns it is fitted on, its params. */
export interface StepSpec {
  readonly transformer: string;
  readonly columns: readonly string[];
  readonly params: Params;
}

/** A whole pipeline as data: what the manifest records and what refit replays. */
export interface PipelineSpec {
  readonly steps: readonly StepSpec[];
  readonly estimator: { readonly key: string; readonly params: Params };
}

/**
 * Builds the preprocessing plan for an estimator from the column types and the estimator's capabilities:
 * numeric columns are imputed (with missing indicators) unless the estimator takes NaN, categorical columns are
 * one-hot encoded (rare and unseen categories grouped, missing cells get their own column), and numeric
 * columns are standardized for estimators that need scaling. Transformers are named by key, so the plan
 * stays data and any plugin providing these keys can serve it.
 */
export function planPreprocessing(features: readonly ColumnSchema[], estimator: Pick<EstimatorDefinition, 'capabilities'>): StepSpec[] {
  const numeric = features.filter((c) => c.type === 'numeric' || c.type === 'boolean').map((c) => c.name);
  const categorical = features.filter((c) => c.type === 'categorical').map((c) => c.name);
  const steps: StepSpec[] = [];
  if (numeric.length && !estimator.capabilities.includes('missing-values')) {
    steps.push({ transformer: 'impute.numeric', columns: numeric, params: { strategy: 'median', add_indicator: true } });
  }
  if (categorical.length) steps.push({ transformer: 'encode.onehot', columns: categorical, params: {} });
  if (numeric.length && estimator.capabilities.includes('needs-scaling')) {
    steps.push({ transformer: 'scale.standard', columns: numeric, params: {} });
  }
  return steps;
}

/** The transformer keys a plan can use; the runtime checks they are registered before training. */
export const PLAN_TRANSFORMERS = ['impute.numeric', 'encode.onehot', 'scale.standard'] as const;
