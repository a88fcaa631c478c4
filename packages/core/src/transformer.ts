import type { RunContext } from './context.js';
import { inputError } from './errors.js';
import type { Frame } from './frame.js';
import { resolveParams, type Params, type SearchSpace } from './search-space.js';
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
  restore(state: StateValue): FittedTransformer;
}

/** Validates columns and params, then fits. */
export async function fitTransformer<P extends Params>(def: TransformerDefinition<P>, frame: Frame, columns: readonly string[], params: Partial<Record<keyof P, unknown>> | Params, ctx: TransformContext): Promise<FittedTransformer> {
  for (const c of columns) {
    const t = frame.typeOf(c);
    if (!def.accepts.includes(t)) {
      throw inputError('UNSUPPORTED_INPUT', `Transformer "${def.key}" cannot take column "${c}" of type ${t} (it takes ${def.accepts.join(', ')}).`, { transformer: def.key, column: c });
    }
  }
  const p = resolveParams(`Transformer "${def.key}"`, def.defaults, params as Record<string, unknown>) as P;
  return def.fit(frame, columns, p, ctx);
}
