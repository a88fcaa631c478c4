import { inputError, checkColumns, spliceColumns, type ColumnSchema, type Frame, type FittedTransformer, type NamedColumn, type StateValue, type TransformerDefinition } from '@autopipe/core';
import { sortedPresent, sortedQuantile } from './sorted-quantile.js';
import { readFloats, readStrings } from './state-fields.js';
import { scaleRobustOnnx } from './onnx-export.js';

const KEY = 'scale.robust';
const OWNER = `transformer "${KEY}"`;
/** scikit-learn's `_handle_zeros_in_scale` threshold: a scale this small is treated as zero. */
const TINY_SCALE = 10 * Number.EPSILON;

export type RobustScaleParams = {
  /** Subtract the training median. */
  readonly with_centering: boolean;
  /** Divide by the inter-quantile range. */
  readonly with_scaling: boolean;
  /** Lower quantile of the range, as a fraction (scikit-learn's `quantile_range[0] / 100`). */
  readonly quantile_low: number;
  /** Upper quantile of the range, as a fraction. */
  readonly quantile_high: number;
};

class FittedRobustScaler implements FittedTransformer {
  readonly transformer = KEY;
  readonly outputs: readonly ColumnSchema[];

  constructor(readonly inputs: readonly string[], private readonly centers: Float64Array, private readonly scales: Float64Array) {
    this.outputs = inputs.map((name) => ({ name, type: 'numeric' }));
  }

  transform(frame: Frame): Frame {
    const repl = new Map<string, NamedColumn[]>();
    this.inputs.forEach((name, j) => {
      const src = frame.numeric(name);
      const c = this.centers[j];
      const s = this.scales[j];
      const out = new Float64Array(src.length);
      for (let i = 0; i < src.length; i++) out[i] = (src[i] - c) / s;
      repl.set(name, [{ schema: this.outputs[j], data: out }]);
    });
    return spliceColumns(frame, repl);
  }

  state(): StateValue {
    return { inputs: [...this.inputs], centers: this.centers.slice(), scales: this.scales.slice() };
  }
}

function checkParams(p: RobustScaleParams): void {
  const ok = (q: number) => Number.isFinite(q) && q >= 0 && q <= 1;
  if (!ok(p.quantile_low) || !ok(p.quantile_high) || p.quantile_low >= p.quantile_high) {
    throw inputError('INVALID_PARAMS', `Transformer "${KEY}": quantile_low and quantile_high must be fractions with 0 ≤ low < high ≤ 1, got ${p.quantile_low} and ${p.quantile_high}.`, { transformer: KEY });
  }
}

/**
 * Robust scaling like scikit-learn's RobustScaler: `(x - median) / (q_high - q_low)` over the non-missing training
 * values, quantiles interpolated linearly as numpy does. A zero range (constant or mostly-constant column) gets
 * scale 1; a column entirely missing at fit time gets center 0 and scale 1. NaN stays NaN.
 */
export const scaleRobust: TransformerDefinition<RobustScaleParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Scales numeric/boolean columns by (x - median) / IQR, robust to outliers; IQR 0 gives scale 1; NaN stays NaN.',
  accepts: ['numeric', 'boolean'],
  defaults: { with_centering: true, with_scaling: true, quantile_low: 0.25, quantile_high: 0.75 },

  fit(frame, columns, params) {
    checkParams(params);
    const inputs = [...columns];
    const centers = new Float64Array(inputs.length);
    const scales = new Float64Array(inputs.length).fill(1);
    inputs.forEach((name, j) => {
      const s = sortedPresent(frame.numeric(name));
      if (s.length === 0) return;
      if (params.with_centering) centers[j] = sortedQuantile(s, 0.5);
      if (params.with_scaling) {
        const range = sortedQuantile(s, params.quantile_high) - sortedQuantile(s, params.quantile_low);
        scales[j] = range < TINY_SCALE ? 1 : range;
      }
    });
    const fitted = new FittedRobustScaler(inputs, centers, scales);
    checkColumns(KEY, frame, inputs, fitted.outputs);
    return fitted;
  },

  toOnnx: scaleRobustOnnx,
  restore(state) {
    const inputs = readStrings(state, 'inputs', OWNER);
    return new FittedRobustScaler(inputs, readFloats(state, 'centers', inputs.length, OWNER), readFloats(state, 'scales', inputs.length, OWNER));
  },
};
