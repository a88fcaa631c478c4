import { checkColumns, spliceColumns, type ColumnSchema, type Frame, type FittedTransformer, type NamedColumn, type StateValue, type TransformerDefinition } from '@autopipe/core';
import { readFloats, readStrings } from './state-fields.js';
import { scaleStandardOnnx } from './onnx-export.js';
import { columnBlock } from './column-block.js';

const KEY = 'scale.standard';
const OWNER = `transformer "${KEY}"`;

export type StandardScaleParams = {
  /** Subtract the training mean. */
  readonly with_mean: boolean;
  /** Divide by the training population standard deviation. */
  readonly with_std: boolean;
};

/**
 * Mean and population standard deviation (ddof = 0, as scikit-learn's StandardScaler) of the non-missing
 * values. A constant column gets scale 1, tested exactly (min === max) rather than by a tolerance so a
 * rounding residue in the mean cannot blow values up; an all-missing column gets mean 0 and scale 1.
 */
export function columnMoments(col: Float64Array): { mean: number; std: number } {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v !== v) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return { mean: 0, std: 1 };
  if (min === max) return { mean: min, std: 1 };
  const mean = sum / n;
  // Second pass on deviations: the one-pass E[x²] − E[x]² formula loses precision when |mean| ≫ std.
  let ss = 0;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v === v) ss += (v - mean) * (v - mean);
  }
  const std = Math.sqrt(ss / n);
  return { mean, std: std > 0 ? std : 1 };
}

class FittedStandardScaler implements FittedTransformer {
  readonly transformer = KEY;
  readonly outputs: readonly ColumnSchema[];

  constructor(readonly inputs: readonly string[], private readonly means: Float64Array, private readonly scales: Float64Array) {
    // Scaled booleans are no longer 0/1, so every output is numeric.
    this.outputs = inputs.map((name) => ({ name, type: 'numeric' }));
  }

  transform(frame: Frame): Frame {
    const repl = new Map<string, NamedColumn[]>();
    const block = columnBlock(this.inputs.length, frame.nrow);
    this.inputs.forEach((name, j) => {
      const src = frame.numeric(name);
      const m = this.means[j];
      const s = this.scales[j];
      const out = block[j];
      for (let i = 0; i < src.length; i++) out[i] = (src[i] - m) / s;
      repl.set(name, [{ schema: this.outputs[j], data: out }]);
    });
    return spliceColumns(frame, repl);
  }

  state(): StateValue {
    return { inputs: [...this.inputs], means: this.means.slice(), scales: this.scales.slice() };
  }
}

/** Standardizes numeric and boolean columns to zero mean and unit variance; missing cells stay NaN. */
export const scaleStandard: TransformerDefinition<StandardScaleParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Standardizes numeric/boolean columns: (x - mean) / std with the population std; NaN stays NaN.',
  accepts: ['numeric', 'boolean'],
  defaults: { with_mean: true, with_std: true },

  fit(frame, columns, params) {
    const inputs = [...columns];
    const means = new Float64Array(inputs.length);
    const scales = new Float64Array(inputs.length).fill(1);
    inputs.forEach((name, j) => {
      const { mean, std } = columnMoments(frame.numeric(name));
      if (params.with_mean) means[j] = mean;
      if (params.with_std) scales[j] = std;
    });
    const fitted = new FittedStandardScaler(inputs, means, scales);
    checkColumns(KEY, frame, inputs, fitted.outputs);
    return fitted;
  },

  toOnnx: scaleStandardOnnx,
  restore(state) {
    const inputs = readStrings(state, 'inputs', OWNER);
    return new FittedStandardScaler(inputs, readFloats(state, 'means', inputs.length, OWNER), readFloats(state, 'scales', inputs.length, OWNER));
  },
};
