import type { EstimatorDefinition } from './estimator.js';
import type { Frame } from './frame.js';
import type { Prediction } from './prediction.js';
import type { StateValue } from './state.js';
import type { ColumnSchema, Task } from './task.js';
import type { FittedTransformer, TransformerDefinition } from './transformer.js';

/** One fitted preprocessing step of a saved model: its plugin definition, its state, and the restored step. */
export interface OpenedStep {
  readonly definition: TransformerDefinition;
  readonly state: StateValue;
  readonly fitted: FittedTransformer;
}

/** One fitted pipeline of a saved model: steps in order, the matrix columns they produce, and the estimator. */
export interface OpenedPipeline {
  readonly steps: readonly OpenedStep[];
  /** Matrix column names the estimator takes, in order. */
  readonly columns: readonly string[];
  readonly estimator: EstimatorDefinition;
  readonly state: StateValue;
}

/**
 * A saved model as plugin definitions plus states, for deployers that translate it (ONNX export) rather than copy
 * it. `combine` says how member predictions become the model's: `single` (one member), `caruana` (weighted average
 * of probabilities or values) or `stacking` (the `meta` estimator on the members' stacked predictions: P(positive)
 * per member for binary tasks, every class probability for multiclass, the value for regression, in member order).
 * `temperature` (classification only; absent means 1) then recalibrates the combined probabilities: each is raised to
 * the power 1 / temperature and divided by its row's sum, summed in class order. It is temperature scaling fitted on
 * out-of-fold predictions: below 1 it sharpens a blend, above 1 it softens it, and it never changes the arg-max label.
 */
export interface OpenedModel {
  readonly dir: string;
  readonly task: Task;
  readonly target: string;
  readonly classes?: readonly string[];
  /** The raw feature columns the model takes, with their types. */
  readonly schema: readonly ColumnSchema[];
  /** Raw columns the model ignores (the target, dropped columns). */
  readonly ignored: readonly string[];
  readonly combine: 'single' | 'caruana' | 'stacking';
  readonly members: readonly { readonly weight: number; readonly pipeline: OpenedPipeline }[];
  readonly meta?: { readonly estimator: EstimatorDefinition; readonly state: StateValue };
  readonly temperature?: number;
  /** autopipe's own predictions for a frame of raw columns (for parity checks). */
  predict(frame: Frame): Prediction;
}
