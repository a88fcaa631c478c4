import { inputError, checkColumns, spliceColumns, type ColumnSchema, type Frame, type FittedTransformer, type NamedColumn, type StateValue, type TransformerDefinition } from '@autopipe/core';
import { sortedPresent, sortedQuantile } from './sorted-quantile.js';
import { readFloats, readStrings } from './state-fields.js';
import { clipOutliersOnnx } from './onnx-export.js';

const KEY = 'clip.outliers';
const OWNER = `transformer "${KEY}"`;

export type ClipOutliersParams = {
  /** `quantile`: clip to the [q_low, q_high] training quantiles; `iqr`: clip to Tukey's fences Q1 − k·IQR, Q3 + k·IQR. */
  readonly method: 'quantile' | 'iqr';
  readonly q_low: number;
  readonly q_high: number;
  /** Fence multiplier k for `iqr`. */
  readonly iqr_factor: number;
};

class FittedClipper implements FittedTransformer {
  readonly transformer = KEY;
  readonly outputs: readonly ColumnSchema[];

  constructor(readonly inputs: readonly string[], private readonly lows: Float64Array, private readonly highs: Float64Array) {
    this.outputs = inputs.map((name) => ({ name, type: 'numeric' }));
  }

  transform(frame: Frame): Frame {
    const repl = new Map<string, NamedColumn[]>();
    this.inputs.forEach((name, j) => {
      const src = frame.numeric(name);
      const lo = this.lows[j];
      const hi = this.highs[j];
      const out = new Float64Array(src.length);
      // Comparisons with NaN are false, so a missing cell falls through unchanged.
      for (let i = 0; i < src.length; i++) {
        const v = src[i];
        out[i] = v < lo ? lo : v > hi ? hi : v;
      }
      repl.set(name, [{ schema: this.outputs[j], data: out }]);
    });
    return spliceColumns(frame, repl);
  }

  state(): StateValue {
    return { inputs: [...this.inputs], lows: this.lows.slice(), highs: this.highs.slice() };
  }
}

function checkParams(p: ClipOutliersParams): void {
  if (p.method !== 'quantile' && p.method !== 'iqr') {
    throw inputError('INVALID_PARAMS', `Transformer "${KEY}": method must be "quantile" or "iqr", got ${String(p.method)}.`, { transformer: KEY, param: 'method' });
  }
  const ok = (q: number) => Number.isFinite(q) && q >= 0 && q <= 1;
  if (!ok(p.q_low) || !ok(p.q_high) || p.q_low > p.q_high) {
    throw inputError('INVALID_PARAMS', `Transformer "${KEY}": q_low and q_high must be fractions with 0 ≤ q_low ≤ q_high ≤ 1, got ${p.q_low} and ${p.q_high}.`, { transformer: KEY });
  }
  if (!Number.isFinite(p.iqr_factor) || p.iqr_factor < 0) {
    throw inputError('INVALID_PARAMS', `Transformer "${KEY}": iqr_factor must be a number ≥ 0, got ${p.iqr_factor}.`, { transformer: KEY, param: 'iqr_factor' });
  }
}

/** The clipping bounds of one column; (−∞, +∞) when it had no value at fit time, so nothing is clipped. */
export function clipBounds(col: Float64Array, p: ClipOutliersParams): [number, number] {
  const s = sortedPresent(col);
  if (s.length === 0) return [-Infinity, Infinity];
  if (p.method === 'quantile') return [sortedQuantile(s, p.q_low), sortedQuantile(s, p.q_high)];
  const q1 = sortedQuantile(s, 0.25);
  const q3 = sortedQuantile(s, 0.75);
  return [q1 - p.iqr_factor * (q3 - q1), q3 + p.iqr_factor * (q3 - q1)];
}

/**
 * Winsorizes numeric columns: values below the lower bound become the lower bound, above the upper bound the
 * upper bound. Bounds are the `q_low`/`q_high` training quantiles (default 0.5 % / 99.5 %, numpy's linear
 * interpolation) or, with `method: 'iqr'`, Tukey's fences. NaN stays NaN.
 */
export const clipOutliers: TransformerDefinition<ClipOutliersParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Clips numeric columns to training quantiles [q_low, q_high] (default 0.005/0.995) or to IQR fences; NaN stays NaN.',
  accepts: ['numeric'],
  defaults: { method: 'quantile', q_low: 0.005, q_high: 0.995, iqr_factor: 1.5 },

  fit(frame, columns, params) {
    checkParams(params);
    const inputs = [...columns];
    const lows = new Float64Array(inputs.length);
    const highs = new Float64Array(inputs.length);
    inputs.forEach((name, j) => {
      [lows[j], highs[j]] = clipBounds(frame.numeric(name), params);
    });
    const fitted = new FittedClipper(inputs, lows, highs);
    checkColumns(KEY, frame, inputs, fitted.outputs);
    return fitted;
  },

  toOnnx: clipOutliersOnnx,
  restore(state) {
    const inputs = readStrings(state, 'inputs', OWNER);
    return new FittedClipper(inputs, readFloats(state, 'lows', inputs.length, OWNER), readFloats(state, 'highs', inputs.length, OWNER));
  },
};
