import type { RunContext } from './context.js';
import { AutopipeError, inputError } from './errors.js';
import type { Matrix } from './matrix.js';
import { predictionLength, type Prediction } from './prediction.js';
import { resolveParams, type Params, type SearchSpace } from './search-space.js';
import type { StateValue } from './state.js';
import { targetLength, type Target } from './target.js';
import type { EstimatorOnnx } from './onnx.js';
import type { Task } from './task.js';

/**
 * What an estimator can take or needs, as data the runtime checks before calling it and the planner
 * reads to choose preprocessing. One vocabulary for every plugin.
 * - `missing-values`: accepts NaN in the matrix (otherwise the plan imputes, and NaN is an UNSUPPORTED_INPUT error).
 * - `needs-scaling`: works best on standardized numeric columns (the plan adds scaling).
 * - `importances`: the fitted model reports feature importances.
 * - `non-negative`: needs non-negative inputs (counts, frequencies, TF-IDF); search skips it when numeric features
 *   can be negative.
 * - `ordinal-categoricals`: splits on ordinal category codes work well (tree learners), so the plan encodes
 *   categoricals as codes instead of one-hot columns.
 */
export type EstimatorCapability = 'missing-values' | 'needs-scaling' | 'importances' | 'non-negative' | 'ordinal-categoricals';

export interface FitContext extends RunContext {
  readonly task: Task;
}

/**
 * What a caller may tell `predict`: when a cross-validation fold is needed by (`RunContext.finishBy`). A model whose
 * prediction is the expensive part — kNN compares every row with the training rows — checks its pace against it with
 * `checkPace`, so a hopeless trial stops after a few rows instead of after the whole fold; other models ignore it.
 */
export type PredictContext = Pick<RunContext, 'finishBy'>;

/** A fitted model: predicts, and exposes a state that `EstimatorDefinition.restore` turns back into an equal model. */
export interface FittedModel {
  readonly estimator: string;
  predict(x: Matrix, ctx?: PredictContext): Prediction;
  state(): StateValue;
  /** One non-negative importance per input column, when the estimator has `importances`. */
  importances?(): Float64Array;
}

/**
 * An estimator plugin. The definition is stateless: hyperparameters are plain data passed to `fit`,
 * and `fit` returns a new fitted model. Authors implement `fit` and `restore`; callers use `fitEstimator`,
 * which validates first (template method), so `fit` may assume valid params and input.
 */
export interface EstimatorDefinition<P extends Params = Params> {
  readonly kind: 'estimator';
  readonly key: string;
  readonly description: string;
  readonly tasks: readonly Task[];
  readonly capabilities: readonly EstimatorCapability[];
  readonly defaults: P;
  readonly space: SearchSpace;
  /**
   * Strong configurations (partial params over the defaults) that searchers try first, cheapest first, so a short
   * budget already gives a good model. Document how they were derived.
   */
  readonly portfolio?: readonly Partial<P>[];
  /** Relative cost of one fit at the defaults (1 = a logistic regression); searchers may spend budget by it. */
  readonly cost?: number;
  /**
   * How the cost grows with training rows, relative to learners linear in the rows: `quadratic` for learners whose
   * fit or predict compares rows with rows (kNN). `cost` is taken as measured at about 2,000 rows.
   */
  readonly costGrowth?: 'linear' | 'quadratic';
  /**
   * Optional: how much one fit at `params` costs relative to one at the defaults (1), from the hyperparameters and
   * the data's shape alone (e.g. trees × depth, a network's weights). Hosts use it where measured seconds would make
   * a search irreproducible (a `--max-trials` run reports these costs to the searcher instead of the clock); without
   * it every configuration of the estimator costs the same, and a cost-frugal searcher grows the costly ones freely.
   */
  costScale?(params: P, shape: { readonly rows: number; readonly features: number; readonly task?: Task }): number;
  fit(x: Matrix, y: Target, params: P, ctx: FitContext): FittedModel | Promise<FittedModel>;
  restore(state: StateValue): FittedModel;
  /** Optional: emits the fitted model (given its state) into an ONNX graph; without it, ONNX export refuses this estimator. */
  readonly toOnnx?: EstimatorOnnx;
}

export function taskOfTarget(y: Target): Task {
  if (y.kind === 'regression') return 'regression';
  return y.classes.length <= 2 ? 'binary' : 'multiclass';
}

/**
 * Checks a matrix against an estimator's capabilities: NaN only for estimators that declare `missing-values`, and
 * ±Infinity never for those that do not (a learner that takes NaN bins values, so infinities are ordered values there).
 */
export function checkInput(def: Pick<EstimatorDefinition, 'key' | 'capabilities'>, x: Matrix): void {
  if (def.capabilities.includes('missing-values')) return;
  const d = x.data;
  for (let at = 0; at < d.length; at++) {
    const v = d[at];
    if (v - v === 0) continue; // finite
    const col = x.names[Math.floor(at / x.rows)];
    const row = (at % x.rows) + 1;
    if (v !== v) {
      throw inputError('UNSUPPORTED_INPUT', `Estimator "${def.key}" does not accept missing values, but column "${col}" has one (row ${row}); impute first.`, { estimator: def.key, column: col, row });
    }
    throw inputError('UNSUPPORTED_INPUT', `Estimator "${def.key}" does not accept infinite values, but column "${col}" has ${v} (row ${row}); clip or drop it.`, { estimator: def.key, column: col, row });
  }
}

/** Validates, then fits. Use this rather than calling `def.fit` directly. */
export async function fitEstimator<P extends Params>(def: EstimatorDefinition<P>, x: Matrix, y: Target, params: Partial<Record<keyof P, unknown>> | Params, ctx: RunContext): Promise<FittedModel> {
  const task = taskOfTarget(y);
  if (!def.tasks.includes(task)) {
    throw inputError('UNSUPPORTED_TASK', `Estimator "${def.key}" does not support ${task} tasks (it supports ${def.tasks.join(', ')}).`, { estimator: def.key, task });
  }
  if (targetLength(y) !== x.rows) throw inputError('INVALID_ARGUMENT', `Estimator "${def.key}": ${x.rows} rows of features but ${targetLength(y)} target values.`);
  if (x.rows === 0) throw inputError('NO_ROWS', `Estimator "${def.key}" cannot fit on zero rows.`);
  checkInput(def, x);
  const p = resolveParams(`Estimator "${def.key}"`, def.defaults, params as Record<string, unknown>) as P;
  const model = await def.fit(x, y, p, { ...ctx, task });
  return guardModel(def, model);
}

/** Wraps a model so predict checks its input and output shape; plugin bugs surface as INTERNAL errors. */
export function guardModel(def: Pick<EstimatorDefinition, 'key' | 'capabilities'>, model: FittedModel): FittedModel {
  const guarded: FittedModel = {
    estimator: model.estimator,
    predict(x: Matrix, ctx?: PredictContext): Prediction {
      checkInput(def, x);
      const p = model.predict(x, ctx);
      if (predictionLength(p) !== x.rows) throw new AutopipeError('INTERNAL', `Estimator "${def.key}" returned ${predictionLength(p)} predictions for ${x.rows} rows.`);
      return p;
    },
    state: () => model.state(),
  };
  if (model.importances) guarded.importances = () => model.importances!();
  return guarded;
}
