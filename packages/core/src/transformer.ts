import type { RunContext } from './context.js';
import { inputError } from './errors.js';
import type { Frame } from './frame.js';
import { resolveParams, type Params, type SearchSpace } from './search-space.js';
import type { TransformerOnnx } from './onnx.js';
import type { StateValue } from './state.js';
import type { Target } from './target.js';
import type { ColumnSchema, ColumnType } from './task.js';

export interface TransformContext extends RunContext {
  /** The training target aligned with the frame's rows, for supervised encoders. */
  readonly target?: Target;
}

/**
 * A fitted transformer: replaces its input columns with its output columns and leaves every other
 * column as it is. It must handle at transform time whatever it did not see at fit time (new categories,
 * missing values) in a documented way, never by throwing.
 */
export interface FittedTransformer {
  readonly transformer: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly ColumnSchema[];
  transform(frame: Frame): Frame;
  state(): StateValue;
}

/** A transformer plugin: stateless definition, `fit` on chosen columns returns a fitted transformer. */
export interface TransformerDefinition<P extends Params = Params> {
  readonly kind: 'transformer';
  readonly key: string;
  readonly description: string;
  /** Column types it can be fitted on. */
  readonly accepts: readonly ColumnType[];
  readonly defaults: P;
  readonly space?: SearchSpace;
  fit(frame: Frame, columns: readonly string[], params: P, ctx: TransformContext): FittedTransformer | Promise<FittedTransformer>;
  /**
   * Optional: fit and return the transformed TRAINING frame in one go, for transformers whose output on the rows
   * they were fitted on must differ from `transform` — e.g. target encoding computed out-of-fold, so a row's code
   * never uses its own target. Without it, the runtime uses `fit` then `transform`.
   */
  fitTransform?(frame: Frame, columns: readonly string[], params: P, ctx: TransformContext): { fitted: FittedTransformer; output: Frame } | Promise<{ fitted: FittedTransformer; output: Frame }>;
  restore(state: StateValue): FittedTransformer;
  /** Optional: emits the fitted transformer (given its state) into an ONNX graph; without it, ONNX export refuses this step. */
  readonly toOnnx?: TransformerOnnx;
}

/** Validates columns and params, then fits. */
export async function fitTransformer<P extends Params>(def: TransformerDefinition<P>, frame: Frame, columns: readonly string[], params: Partial<Record<keyof P, unknown>> | Params, ctx: TransformContext): Promise<FittedTransformer> {
  const p = checkTransformerInput(def, frame, columns, params);
  return def.fit(frame, columns, p, ctx);
}

/**
 * Validates, fits, and returns the transformed training frame: through `fitTransform` when the transformer has it
 * (leakage-safe training output), else `fit` then `transform`. Pipelines fit their steps with this.
 */
export async function fitTransformFrame<P extends Params>(def: TransformerDefinition<P>, frame: Frame, columns: readonly string[], params: Partial<Record<keyof P, unknown>> | Params, ctx: TransformContext): Promise<{ fitted: FittedTransformer; output: Frame }> {
  const p = checkTransformerInput(def, frame, columns, params);
  if (def.fitTransform) return def.fitTransform(frame, columns, p, ctx);
  const fitted = await def.fit(frame, columns, p, ctx);
  return { fitted, output: fitted.transform(frame) };
}

function checkTransformerInput<P extends Params>(def: TransformerDefinition<P>, frame: Frame, columns: readonly string[], params: Partial<Record<keyof P, unknown>> | Params): P {
  for (const c of columns) {
    const t = frame.typeOf(c);
    if (!def.accepts.includes(t)) {
      throw inputError('UNSUPPORTED_INPUT', `Transformer "${def.key}" cannot take column "${c}" of type ${t} (it takes ${def.accepts.join(', ')}).`, { transformer: def.key, column: c });
    }
  }
  return resolveParams(`Transformer "${def.key}"`, def.defaults, params as Record<string, unknown>) as P;
}
