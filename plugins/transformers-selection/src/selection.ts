import { inputError, type ColumnSchema, type FittedTransformer, type Frame, type StateValue, type TransformerDefinition } from '@autopipe/core';
import { readFloats, readSchemas, readStrings } from './state-fields.js';

/**
 * A fitted column selection, shared by every selector: the kept columns pass through untouched (same data, same
 * type), the dropped ones disappear. `scores` holds the per-input statistic the decision was made on, so the
 * fitted state explains itself (variance, strongest correlation with an earlier column, importance).
 */
export class FittedSelection implements FittedTransformer {
  readonly inputs: readonly string[];

  constructor(
    readonly transformer: string,
    inputs: readonly string[],
    readonly outputs: readonly ColumnSchema[],
    readonly dropped: readonly string[],
    readonly scores: Float64Array,
  ) {
    this.inputs = [...inputs];
  }

  transform(frame: Frame): Frame {
    for (const o of this.outputs) frame.numeric(o.name);
    const present = this.dropped.filter((n) => frame.has(n));
    return present.length ? frame.drop(present) : frame;
  }

  state(): StateValue {
    return {
      inputs: [...this.inputs],
      kept: this.outputs.map((o) => ({ name: o.name, type: o.type })),
      dropped: [...this.dropped],
      scores: this.scores.slice(),
    };
  }
}

/** Builds the fitted selection from a keep mask over `inputs`, taking each kept column's type from the frame. */
export function selection(key: string, frame: Frame, inputs: readonly string[], keep: Uint8Array, scores: Float64Array): FittedSelection {
  const seen = new Set<string>();
  for (const c of inputs) {
    if (seen.has(c)) throw inputError('INVALID_ARGUMENT', `Transformer "${key}" was given column "${c}" twice; list each column once.`, { transformer: key, column: c });
    seen.add(c);
  }
  const outputs = inputs.filter((_, j) => keep[j]).map((name) => ({ name, type: frame.typeOf(name) }));
  return new FittedSelection(key, inputs, outputs, inputs.filter((_, j) => !keep[j]), scores);
}

/** The `restore` every selector shares. */
export function restoreSelection(key: string, state: StateValue): FittedSelection {
  const owner = `transformer "${key}"`;
  const inputs = readStrings(state, 'inputs', owner);
  return new FittedSelection(key, inputs, readSchemas(state, 'kept', owner), readStrings(state, 'dropped', owner), readFloats(state, 'scores', inputs.length, owner));
}

/** Selectors take numeric and boolean columns only. */
export const SELECTABLE: TransformerDefinition['accepts'] = ['numeric', 'boolean'];
