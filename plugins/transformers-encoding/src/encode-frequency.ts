import { checkColumns, spliceColumns, type ColumnSchema, type Frame, type FittedTransformer, type NamedColumn, type StateValue, type TransformerDefinition } from '@autopipe/core';
import { categoryCodes, levelIndex, lookupColumn } from './category-codes.js';
import { readFloatLists, readFloats, readStringLists, readStrings } from './state-fields.js';
import { encodeFrequencyOnnx } from './onnx.js';

const KEY = 'encode.frequency';
const OWNER = `transformer "${KEY}"`;

export type FrequencyParams = {
  /** `true`: share of training rows (count / rows, missing rows included); `false`: the raw count. */
  readonly normalize: boolean;
};

class FittedFrequency implements FittedTransformer {
  readonly transformer = KEY;
  readonly outputs: readonly ColumnSchema[];
  private readonly indexes: readonly Map<string, number>[];

  constructor(readonly inputs: readonly string[], private readonly levels: readonly (readonly string[])[], private readonly values: readonly Float64Array[], private readonly missing: Float64Array) {
    this.outputs = inputs.map((name) => ({ name, type: 'numeric' }));
    this.indexes = levels.map(levelIndex);
  }

  transform(frame: Frame): Frame {
    const repl = new Map<string, NamedColumn[]>();
    this.inputs.forEach((name, j) => {
      const out = lookupColumn(frame.strings(name), this.indexes[j], this.values[j], 0, this.missing[j]);
      repl.set(name, [{ schema: this.outputs[j], data: out }]);
    });
    return spliceColumns(frame, repl);
  }

  state(): StateValue {
    return { inputs: [...this.inputs], levels: this.levels.map((l) => [...l]), values: this.values.map((v) => v.slice()), missing: this.missing.slice() };
  }
}

/**
 * Frequency (count) encoding: each category becomes its share of the training rows (or its count). A category never
 * seen in training gets 0 — it was seen zero times. Missing cells are treated as a level of their own and get the
 * share (count) of missing cells at fit time, 0 if there were none.
 */
export const encodeFrequency: TransformerDefinition<FrequencyParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Encodes categorical columns as the training frequency (share of rows) of each category; unseen → 0.',
  accepts: ['categorical', 'high_cardinality'],
  defaults: { normalize: true },

  fit(frame, columns, params) {
    const inputs = [...columns];
    const n = frame.nrow;
    const levels: string[][] = [];
    const values: Float64Array[] = [];
    const missing = new Float64Array(inputs.length);
    inputs.forEach((name, j) => {
      const codes = categoryCodes(frame.strings(name));
      levels.push(codes.levels);
      const per = (c: number) => (params.normalize && n > 0 ? c / n : c);
      values.push(codes.counts.map(per));
      missing[j] = per(codes.missing);
    });
    const fitted = new FittedFrequency(inputs, levels, values, missing);
    checkColumns(KEY, frame, inputs, fitted.outputs);
    return fitted;
  },

  toOnnx: encodeFrequencyOnnx,
  restore(state) {
    const inputs = readStrings(state, 'inputs', OWNER);
    const levels = readStringLists(state, 'levels', OWNER, inputs.length);
    return new FittedFrequency(inputs, levels, readFloatLists(state, 'values', OWNER, levels.map((l) => l.length)), readFloats(state, 'missing', inputs.length, OWNER));
  },
};
