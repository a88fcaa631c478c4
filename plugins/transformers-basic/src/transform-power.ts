import { checkColumns, spliceColumns, type ColumnSchema, type Frame, type FittedTransformer, type NamedColumn, type StateValue, type TransformerDefinition } from '@autopipe/core';
import { brentMinimize } from './brent.js';
import { columnMoments } from './scale-standard.js';
import { sortedPresent } from './sorted-quantile.js';
import { readFloats, readStrings } from './state-fields.js';
import { transformPowerOnnx } from './onnx-export.js';

const KEY = 'transform.power';
const OWNER = `transformer "${KEY}"`;
const EPS = Number.EPSILON;
/** numpy's `finfo(float64).tiny`, scikit-learn's floor for the variance of a transformed column. */
const TINY = 2.2250738585072014e-308;

export type PowerTransformParams = {
  /** Standardize the transformed values to zero mean and unit variance, as PowerTransformer(standardize=True). */
  readonly standardize: boolean;
};

/** The Yeo-Johnson transform of one value for a given λ (NaN stays NaN). */
export function yeoJohnson(x: number, lambda: number): number {
  if (x >= 0) return Math.abs(lambda) < EPS ? Math.log1p(x) : (Math.pow(x + 1, lambda) - 1) / lambda;
  return Math.abs(lambda - 2) > EPS ? -(Math.pow(1 - x, 2 - lambda) - 1) / (2 - lambda) : -Math.log1p(-x);
}

/**
 * The λ maximizing the Yeo-Johnson profile log-likelihood of the values, found as scikit-learn does (Brent's method
 * bracketed from (−2, 2)). Fewer than two distinct values have no likelihood to maximize: λ = 1, the identity.
 */
export function yeoJohnsonLambda(values: Float64Array): number {
  const n = values.length;
  if (n < 2 || values[0] === values[n - 1]) return 1; // `values` is sorted
  let logTerm = 0;
  for (let i = 0; i < n; i++) logTerm += Math.sign(values[i]) * Math.log1p(Math.abs(values[i]));
  const t = new Float64Array(n);
  const negLogLik = (lambda: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      t[i] = yeoJohnson(values[i], lambda);
      s += t[i];
    }
    const m = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (t[i] - m) * (t[i] - m);
    const v = ss / n;
    // A λ whose transform overflows or collapses the spread is never the optimum.
    if (!(v >= TINY) || !Number.isFinite(v)) return Infinity;
    return (n / 2) * Math.log(v) - (lambda - 1) * logTerm;
  };
  const lambda = brentMinimize(negLogLik, -2, 2);
  return Number.isFinite(lambda) ? lambda : 1;
}

class FittedPowerTransform implements FittedTransformer {
  readonly transformer = KEY;
  readonly outputs: readonly ColumnSchema[];

  constructor(readonly inputs: readonly string[], private readonly lambdas: Float64Array, private readonly means: Float64Array, private readonly scales: Float64Array) {
    this.outputs = inputs.map((name) => ({ name, type: 'numeric' }));
  }

  transform(frame: Frame): Frame {
    const repl = new Map<string, NamedColumn[]>();
    this.inputs.forEach((name, j) => {
      const out = applyPower(frame.numeric(name), this.lambdas[j]);
      const m = this.means[j];
      const s = this.scales[j];
      for (let i = 0; i < out.length; i++) out[i] = (out[i] - m) / s;
      repl.set(name, [{ schema: this.outputs[j], data: out }]);
    });
    return spliceColumns(frame, repl);
  }

  state(): StateValue {
    return { inputs: [...this.inputs], lambdas: this.lambdas.slice(), means: this.means.slice(), scales: this.scales.slice() };
  }
}

function applyPower(src: Float64Array, lambda: number): Float64Array {
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = yeoJohnson(src[i], lambda);
  return out;
}

/**
 * Yeo-Johnson power transform like scikit-learn's PowerTransformer(method='yeo-johnson', standardize=True): one λ per
 * column by maximum likelihood on the non-missing training values, then (optionally) standardization with the mean
 * and population std of the transformed training values. NaN stays NaN. A constant column gets λ = 1 and maps to 0;
 * a column entirely missing at fit time gets λ = 1, mean 0, scale 1 (values pass through unchanged).
 */
export const transformPower: TransformerDefinition<PowerTransformParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Yeo-Johnson power transform with a maximum-likelihood λ per column, then standardized; NaN stays NaN.',
  accepts: ['numeric'],
  defaults: { standardize: true },

  fit(frame, columns, params) {
    const inputs = [...columns];
    const lambdas = new Float64Array(inputs.length);
    const means = new Float64Array(inputs.length);
    const scales = new Float64Array(inputs.length).fill(1);
    inputs.forEach((name, j) => {
      lambdas[j] = yeoJohnsonLambda(sortedPresent(frame.numeric(name)));
      if (!params.standardize) return;
      const { mean, std } = columnMoments(applyPower(frame.numeric(name), lambdas[j]));
      means[j] = mean;
      scales[j] = std;
    });
    const fitted = new FittedPowerTransform(inputs, lambdas, means, scales);
    checkColumns(KEY, frame, inputs, fitted.outputs);
    return fitted;
  },

  toOnnx: transformPowerOnnx,
  restore(state) {
    const inputs = readStrings(state, 'inputs', OWNER);
    const n = inputs.length;
    return new FittedPowerTransform(inputs, readFloats(state, 'lambdas', n, OWNER), readFloats(state, 'means', n, OWNER), readFloats(state, 'scales', n, OWNER));
  },
};
