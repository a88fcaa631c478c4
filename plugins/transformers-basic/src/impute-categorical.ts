import { inputError, checkColumns, spliceColumns, type ColumnSchema, type Frame, type FittedTransformer, type NamedColumn, type StateValue, type TransformerDefinition } from '@autopipe/core';
import { readStrings } from './state-fields.js';
import { imputeCategoricalOnnx } from './onnx-export.js';

const KEY = 'impute.categorical';
const OWNER = `transformer "${KEY}"`;

export type CategoricalImputeParams = {
  /** `most_frequent` or `constant` (always `fill_value`). */
  readonly strategy: string;
  /** The constant for `constant`, and the fill of a column that is entirely missing at fit time. */
  readonly fill_value: string;
};

const STRATEGIES = ['most_frequent', 'constant'];

/** The most frequent non-null value; ties go to the smallest in code-unit order so fits are deterministic. */
export function mostFrequent(col: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [v, c] of counts) {
    if (c > bestCount || (c === bestCount && best !== null && v < best)) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

class FittedCategoricalImputer implements FittedTransformer {
  readonly transformer = KEY;
  readonly outputs: readonly ColumnSchema[];

  constructor(readonly inputs: readonly string[], private readonly fills: readonly string[]) {
    this.outputs = inputs.map((name) => ({ name, type: 'categorical' }));
  }

  transform(frame: Frame): Frame {
    const repl = new Map<string, NamedColumn[]>();
    this.inputs.forEach((name, j) => {
      const src = frame.strings(name);
      const fill = this.fills[j];
      const out = new Array<string>(src.length);
      for (let i = 0; i < src.length; i++) out[i] = src[i] ?? fill;
      repl.set(name, [{ schema: this.outputs[j], data: out }]);
    });
    return spliceColumns(frame, repl);
  }

  state(): StateValue {
    return { inputs: [...this.inputs], fills: [...this.fills] };
  }
}

/**
 * Replaces missing categorical cells with the column's most frequent training value or a constant.
 * A column with no value at all at fit time gets `fill_value` whatever the strategy.
 */
export const imputeCategorical: TransformerDefinition<CategoricalImputeParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Fills missing categorical cells with the most frequent training value (ties: smallest) or a constant.',
  accepts: ['categorical', 'high_cardinality'],
  defaults: { strategy: 'most_frequent', fill_value: '__missing__' },

  fit(frame, columns, params) {
    if (!STRATEGIES.includes(params.strategy)) {
      throw inputError('INVALID_PARAMS', `Transformer "${KEY}": strategy must be one of ${STRATEGIES.join(', ')}, got "${params.strategy}".`, { transformer: KEY, param: 'strategy' });
    }
    const inputs = [...columns];
    const fills = inputs.map((name) => (params.strategy === 'most_frequent' ? mostFrequent(frame.strings(name)) : null) ?? params.fill_value);
    const fitted = new FittedCategoricalImputer(inputs, fills);
    checkColumns(KEY, frame, inputs, fitted.outputs);
    return fitted;
  },

  toOnnx: imputeCategoricalOnnx,
  restore(state) {
    const inputs = readStrings(state, 'inputs', OWNER);
    return new FittedCategoricalImputer(inputs, readStrings(state, 'fills', OWNER));
  },
};
