import { inputError, checkColumns, spliceColumns, type ColumnSchema, type Frame, type FittedTransformer, type NamedColumn, type StateValue, type TransformerDefinition } from '@autopipe/core';
import { categoryCodes, compareStrings, levelIndex } from './category-codes.js';
import { readStringLists, readStrings } from './state-fields.js';
import { encodeOrdinalOnnx } from './onnx.js';

const KEY = 'encode.ordinal';
const OWNER = `transformer "${KEY}"`;

export type OrdinalParams = {
  /** `frequency`: the most frequent category gets 0 (ties in code-unit order); `lexicographic`: code-unit order. */
  readonly order: 'frequency' | 'lexicographic';
};

/** Training categories in code order. */
export function ordinalLevels(col: readonly (string | null)[], order: OrdinalParams['order']): string[] {
  const { levels, counts } = categoryCodes(col);
  const idx = levels.map((_, i) => i);
  if (order === 'frequency') idx.sort((a, b) => counts[b] - counts[a] || compareStrings(levels[a], levels[b]));
  else idx.sort((a, b) => compareStrings(levels[a], levels[b]));
  return idx.map((i) => levels[i]);
}

class FittedOrdinal implements FittedTransformer {
  readonly transformer = KEY;
  readonly outputs: readonly ColumnSchema[];
  private readonly indexes: readonly Map<string, number>[];

  constructor(readonly inputs: readonly string[], private readonly levels: readonly (readonly string[])[]) {
    this.outputs = inputs.map((name) => ({ name, type: 'numeric' }));
    this.indexes = levels.map(levelIndex);
  }

  transform(frame: Frame): Frame {
    const repl = new Map<string, NamedColumn[]>();
    this.inputs.forEach((name, j) => {
      const src = frame.strings(name);
      const index = this.indexes[j];
      const out = new Float64Array(src.length);
      for (let i = 0; i < src.length; i++) {
        const v = src[i];
        const c = v === null ? undefined : index.get(v);
        out[i] = c === undefined ? NaN : c;
      }
      repl.set(name, [{ schema: this.outputs[j], data: out }]);
    });
    return spliceColumns(frame, repl);
  }

  state(): StateValue {
    return { inputs: [...this.inputs], levels: this.levels.map((l) => [...l]) };
  }
}

/**
 * Ordinal encoding: each training category becomes an integer code (0 = most frequent by default). Missing cells
 * and categories never seen in training become NaN — not a made-up code such as −1 — so tree learners send them
 * down their learned missing branch and nothing pretends an unseen category sits next to code 0.
 */
export const encodeOrdinal: TransformerDefinition<OrdinalParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Encodes categorical columns as integer codes (by frequency or lexicographic order); unseen and missing → NaN.',
  accepts: ['categorical', 'high_cardinality'],
  defaults: { order: 'frequency' },
  space: { order: { kind: 'categorical', choices: ['frequency', 'lexicographic'] } },

  fit(frame, columns, params) {
    if (params.order !== 'frequency' && params.order !== 'lexicographic') {
      throw inputError('INVALID_PARAMS', `Transformer "${KEY}": order must be "frequency" or "lexicographic", got ${String(params.order)}.`, { transformer: KEY, param: 'order' });
    }
    const inputs = [...columns];
    const fitted = new FittedOrdinal(inputs, inputs.map((name) => ordinalLevels(frame.strings(name), params.order)));
    checkColumns(KEY, frame, inputs, fitted.outputs);
    return fitted;
  },

  toOnnx: encodeOrdinalOnnx,
  restore(state) {
    const inputs = readStrings(state, 'inputs', OWNER);
    return new FittedOrdinal(inputs, readStringLists(state, 'levels', OWNER, inputs.length));
  },
};
