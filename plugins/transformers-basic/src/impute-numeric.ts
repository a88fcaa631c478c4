import { inputError, checkColumns, spliceColumns, type ColumnSchema, type Frame, type FittedTransformer, type NamedColumn, type StateValue, type TransformerDefinition } from '@autopipe/core';
import { mean, medianInPlace, presentValues } from './numeric-stats.js';
import { readFloats, readSchemas, readStrings, schemasState } from './state-fields.js';
import { imputeNumericOnnx } from './onnx-export.js';
import { columnBlock } from './column-block.js';

const KEY = 'impute.numeric';
const OWNER = `transformer "${KEY}"`;

export type NumericImputeParams = {
  /** `median`, `mean` or `constant` (always `fill_value`). */
  readonly strategy: string;
  /** The constant for `constant`, and the fill of a column that is entirely missing at fit time. */
  readonly fill_value: number;
  /** Adds a `<col>__missing` boolean column for each column that had missing values at fit time. */
  readonly add_indicator: boolean;
};

const STRATEGIES = ['median', 'mean', 'constant'];

/** The name of the indicator column added for `column`. */
export function indicatorName(column: string): string {
  return `${column}__missing`;
}

class FittedNumericImputer implements FittedTransformer {
  readonly transformer = KEY;
  readonly outputs: readonly ColumnSchema[];

  constructor(
    readonly inputs: readonly string[],
    /** Output schema of each input column (a boolean column filled with a non-0/1 value becomes numeric). */
    private readonly types: readonly ColumnSchema[],
    private readonly fills: Float64Array,
    /** Names of the indicator columns, one per input in order, or '' where there is none. */
    private readonly indicators: readonly string[],
  ) {
    const outs: ColumnSchema[] = [];
    inputs.forEach((_, j) => {
      outs.push(types[j]);
      if (indicators[j]) outs.push({ name: indicators[j], type: 'boolean' });
    });
    this.outputs = outs;
  }

  transform(frame: Frame): Frame {
    const repl = new Map<string, NamedColumn[]>();
    const block = columnBlock(this.outputs.length, frame.nrow);
    let b = 0;
    this.inputs.forEach((name, j) => {
      const src = frame.numeric(name);
      const fill = this.fills[j];
      const out = block[b++];
      const flag = this.indicators[j] ? block[b++] : null;
      for (let i = 0; i < src.length; i++) {
        const v = src[i];
        if (v === v) out[i] = v;
        else {
          out[i] = fill;
          if (flag) flag[i] = 1;
        }
      }
      const cols: NamedColumn[] = [{ schema: this.types[j], data: out }];
      if (flag) cols.push({ schema: { name: this.indicators[j], type: 'boolean' }, data: flag });
      repl.set(name, cols);
    });
    return spliceColumns(frame, repl);
  }

  state(): StateValue {
    return { inputs: [...this.inputs], types: schemasState(this.types), fills: this.fills.slice(), indicators: [...this.indicators] };
  }
}

/**
 * Replaces missing numeric and boolean cells with the column's training median, mean, or a constant.
 * A column with no value at all at fit time gets `fill_value` whatever the strategy. A boolean column
 * stays boolean only if its fill is 0 or 1; otherwise its output is declared `numeric`.
 */
export const imputeNumeric: TransformerDefinition<NumericImputeParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Fills missing numeric/boolean cells with the training median, mean or a constant; optionally adds <col>__missing indicators.',
  accepts: ['numeric', 'boolean'],
  defaults: { strategy: 'median', fill_value: 0, add_indicator: true },
  space: { strategy: { kind: 'categorical', choices: ['median', 'mean'] } },

  fit(frame, columns, params) {
    if (!STRATEGIES.includes(params.strategy)) {
      throw inputError('INVALID_PARAMS', `Transformer "${KEY}": strategy must be one of ${STRATEGIES.join(', ')}, got "${params.strategy}".`, { transformer: KEY, param: 'strategy' });
    }
    const inputs = [...columns];
    const fills = new Float64Array(inputs.length);
    const types: ColumnSchema[] = [];
    const indicators: string[] = [];
    inputs.forEach((name, j) => {
      const col = frame.numeric(name);
      const present = presentValues(col);
      const stat = params.strategy === 'median' ? medianInPlace(present) : params.strategy === 'mean' ? mean(present) : NaN;
      fills[j] = stat === stat ? stat : params.fill_value;
      const boolOk = fills[j] === 0 || fills[j] === 1;
      types.push({ name, type: frame.typeOf(name) === 'boolean' && boolOk ? 'boolean' : 'numeric' });
      indicators.push(params.add_indicator && present.length < col.length ? indicatorName(name) : '');
    });
    const fitted = new FittedNumericImputer(inputs, types, fills, indicators);
    checkColumns(KEY, frame, inputs, fitted.outputs);
    return fitted;
  },

  toOnnx: imputeNumericOnnx,
  restore(state) {
    const inputs = readStrings(state, 'inputs', OWNER);
    const types = readSchemas(state, 'types', OWNER);
    const indicators = readStrings(state, 'indicators', OWNER);
    return new FittedNumericImputer(inputs, types, readFloats(state, 'fills', inputs.length, OWNER), indicators);
  },
};
