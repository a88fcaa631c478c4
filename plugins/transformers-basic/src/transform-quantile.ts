import { inputError, Rng, stateField, checkColumns, spliceColumns, type ColumnSchema, type Frame, type FittedTransformer, type NamedColumn, type StateValue, type TransformerDefinition } from '@autopipe/core';
import { interp } from './interp.js';
import { normalQuantile } from './normal-quantile.js';
import { sortedQuantile } from './sorted-quantile.js';
import { readStrings } from './state-fields.js';
import { transformQuantileOnnx } from './quantile-onnx.js';
import { references } from './quantile-references.js';

const KEY = 'transform.quantile';
const OWNER = `transformer "${KEY}"`;
/** scikit-learn's BOUNDS_THRESHOLD: how close to the training range's ends a value counts as on the end. */
const BOUNDS = 1e-7;
const CLIP_LOW = normalQuantile(BOUNDS - Number.EPSILON);
const CLIP_HIGH = normalQuantile(1 - (BOUNDS - Number.EPSILON));

export type QuantileTransformParams = {
  /** Number of quantiles (landmarks) kept per column; capped at the number of training rows. */
  readonly n_quantiles: number;
  readonly output_distribution: 'uniform' | 'normal';
  /** Quantiles are estimated on at most this many randomly chosen rows (seeded from ctx.seed). */
  readonly subsample: number;
};

/** The mirror image used for numpy-compatible tie handling: −xs reversed. */
function mirror(xs: Float64Array): Float64Array {
  const n = xs.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = -xs[n - 1 - i];
  return out;
}

class FittedQuantileTransform implements FittedTransformer {
  readonly transformer = KEY;
  readonly outputs: readonly ColumnSchema[];

  constructor(readonly inputs: readonly string[], private readonly distribution: 'uniform' | 'normal', private readonly quantiles: readonly Float64Array[]) {
    this.outputs = inputs.map((name) => ({ name, type: 'numeric' }));
  }

  transform(frame: Frame): Frame {
    const repl = new Map<string, NamedColumn[]>();
    this.inputs.forEach((name, j) => repl.set(name, [{ schema: this.outputs[j], data: this.column(frame.numeric(name), this.quantiles[j]) }]));
    return spliceColumns(frame, repl);
  }

  /** scikit-learn's `_transform_col`: interpolate up and down through tied quantiles and average, then map ends. */
  private column(src: Float64Array, q: Float64Array): Float64Array {
    const n = src.length;
    const out = new Float64Array(n);
    const normal = this.distribution === 'normal';
    const lo = q[0];
    const hi = q[q.length - 1];
    if (lo !== lo) {
      // No value at fit time: every present value goes to the middle of the output distribution.
      for (let i = 0; i < n; i++) out[i] = src[i] !== src[i] ? NaN : normal ? 0 : 0.5;
      return out;
    }
    const ref = references(q.length);
    const qm = mirror(q);
    const rm = mirror(ref);
    for (let i = 0; i < n; i++) {
      const x = src[i];
      let y = 0.5 * (interp(x, q, ref) - interp(-x, qm, rm));
      if (normal) {
        if (x - BOUNDS < lo) y = 0;
        else if (x + BOUNDS > hi) y = 1;
        y = normalQuantile(y);
        y = y < CLIP_LOW ? CLIP_LOW : y > CLIP_HIGH ? CLIP_HIGH : y;
      } else if (x === lo) y = 0;
      else if (x === hi) y = 1;
      out[i] = y;
    }
    return out;
  }

  state(): StateValue {
    return { inputs: [...this.inputs], distribution: this.distribution, quantiles: this.quantiles.map((q) => q.slice()) };
  }
}

function checkParams(p: QuantileTransformParams): void {
  if (!Number.isInteger(p.n_quantiles) || p.n_quantiles < 1) {
    throw inputError('INVALID_PARAMS', `Transformer "${KEY}": n_quantiles must be a whole number ≥ 1, got ${p.n_quantiles}.`, { transformer: KEY, param: 'n_quantiles' });
  }
  if (!Number.isInteger(p.subsample) || p.subsample < 2) {
    throw inputError('INVALID_PARAMS', `Transformer "${KEY}": subsample must be a whole number ≥ 2, got ${p.subsample}.`, { transformer: KEY, param: 'subsample' });
  }
  if (p.output_distribution !== 'uniform' && p.output_distribution !== 'normal') {
    throw inputError('INVALID_PARAMS', `Transformer "${KEY}": output_distribution must be "uniform" or "normal", got ${String(p.output_distribution)}.`, { transformer: KEY, param: 'output_distribution' });
  }
}

/** The training quantiles of one column, as `np.nanpercentile(col, linspace(0, 100, nq))` made monotone. */
export function columnQuantiles(col: Float64Array, nq: number, subsample: number, rng: Rng): Float64Array {
  let values = col;
  if (col.length > subsample) {
    // Partial Fisher–Yates: a uniform sample of `subsample` rows without replacement.
    const idx = Int32Array.from({ length: col.length }, (_, i) => i);
    values = new Float64Array(subsample);
    for (let i = 0; i < subsample; i++) {
      const k = i + rng.int(col.length - i);
      const t = idx[i];
      idx[i] = idx[k];
      idx[k] = t;
      values[i] = col[idx[i]];
    }
  }
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) m++;
  const sorted = new Float64Array(m);
  m = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) sorted[m++] = values[i];
  sorted.sort();
  const ref = references(nq);
  const q = new Float64Array(nq);
  for (let k = 0; k < nq; k++) {
    q[k] = sortedQuantile(sorted, (ref[k] * 100) / 100);
    if (k > 0 && q[k] < q[k - 1]) q[k] = q[k - 1]; // np.maximum.accumulate, against rounding in the percentiles
  }
  return q;
}

/**
 * Maps numeric columns through their training quantiles to a uniform [0, 1] or standard normal output, like
 * scikit-learn's QuantileTransformer: `n_quantiles` landmarks (capped at the training row count), linear
 * interpolation between them, ties between equal landmarks averaged over both directions; values outside the
 * training range map to the ends (normal output is clipped at ±5.2). NaN stays NaN. A constant column maps to
 * 0 (uniform) or the lower clip (normal) at its value; a column entirely missing at fit time maps every present
 * value to the middle (0.5 or 0).
 */
export const transformQuantile: TransformerDefinition<QuantileTransformParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Maps numeric columns through training quantiles to a uniform or normal distribution; NaN stays NaN.',
  accepts: ['numeric'],
  defaults: { n_quantiles: 1000, output_distribution: 'uniform', subsample: 100_000 },
  space: { output_distribution: { kind: 'categorical', choices: ['uniform', 'normal'] } },

  fit(frame, columns, params, ctx) {
    checkParams(params);
    const inputs = [...columns];
    const nq = Math.max(1, Math.min(params.n_quantiles, frame.nrow));
    const rng = new Rng(ctx.seed);
    const quantiles = inputs.map((name) => columnQuantiles(frame.numeric(name), nq, params.subsample, rng));
    const fitted = new FittedQuantileTransform(inputs, params.output_distribution, quantiles);
    checkColumns(KEY, frame, inputs, fitted.outputs);
    return fitted;
  },

  toOnnx: transformQuantileOnnx,
  restore(state) {
    const inputs = readStrings(state, 'inputs', OWNER);
    const distribution = stateField<'uniform' | 'normal'>(state, 'distribution', (v) => v === 'uniform' || v === 'normal', OWNER);
    const ok = (v: StateValue) => Array.isArray(v) && v.length === inputs.length && v.every((q) => q instanceof Float64Array && q.length > 0);
    const quantiles = stateField<readonly Float64Array[]>(state, 'quantiles', ok, OWNER);
    return new FittedQuantileTransform(inputs, distribution, [...quantiles]);
  },
};
