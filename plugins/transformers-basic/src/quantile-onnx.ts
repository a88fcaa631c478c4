import type { OnnxGraph, TransformerOnnx } from '@autopipe/core';
import { normalQuantile } from './normal-quantile.js';
import { DOUBLE, mapColumns, scalar } from './onnx-ops.js';
import { references } from './quantile-references.js';

/** As in transform-quantile.ts (scikit-learn's BOUNDS_THRESHOLD and the ±5.2 clip of the normal output). */
const BOUNDS = 1e-7;
const CLIP_LOW = normalQuantile(BOUNDS - Number.EPSILON);
const CLIP_HIGH = normalQuantile(1 - (BOUNDS - Number.EPSILON));

// AS 241 (PPND16) coefficients, highest power first, exactly as normal-quantile.ts evaluates them.
const A = [2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987, 13731.69376550946, 1971.5909503065513, 133.14166789178438, 3.3871328727963665];
const B = [5226.495278852546, 28729.085735721943, 39307.89580009271, 21213.794301586597, 5394.196021424751, 687.1870074920579, 42.31333070160091, 1];
const C = [0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684, 3.6478483247632045, 5.769497221460691, 4.630337846156546, 1.4234371107496835];
const D = [1.0507500716444169e-09, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008, 0.6897673349851, 1.6763848301838038, 2.053191626637759, 1];
const E = [2.0103343992922881e-07, 2.7115555687434876e-05, 0.0012426609473880784, 0.026532189526576124, 0.29656057182850487, 1.7848265399172913, 5.463784911164114, 6.657904643501103];
const F = [2.0442631033899397e-15, 1.421511758316446e-07, 1.8463183175100548e-05, 0.0007868691311456133, 0.014875361290850615, 0.1369298809227358, 0.599832206555888, 1];

function op(g: OnnxGraph, type: string, inputs: string[], hint: string): string {
  return g.node(type, inputs, {}, { hint })[0];
}

/** ((c0·r + c1)·r + c2)… in the same operation order as the plugin, so each step rounds identically. */
function horner(g: OnnxGraph, r: string, c: readonly number[], hint: string): string {
  let acc = op(g, 'Mul', [scalar(g, c[0], hint), r], hint);
  acc = op(g, 'Add', [acc, scalar(g, c[1], hint)], hint);
  for (let k = 2; k < c.length; k++) acc = op(g, 'Add', [op(g, 'Mul', [acc, r], hint), scalar(g, c[k], hint)], hint);
  return acc;
}

/** `np.interp(x, xp, fp)` per cell: j = #(xp ≤ x) − 1, then the end values or the linear piece (NaN stays NaN). */
function interp(g: OnnxGraph, x: string, xp: Float64Array, fp: Float64Array): string {
  const n = xp.length;
  const [nan] = g.node('IsNaN', [x], {}, { hint: 'interp_nan' });
  const nanT = scalar(g, NaN, 'nan');
  if (n === 1) return op(g, 'Where', [nan, nanT, scalar(g, fp[0], 'interp_f0')], 'interp');
  const xpT = g.constant({ type: 'double', dims: [n], values: xp }, 'interp_xp');
  const fpT = g.constant({ type: 'double', dims: [n], values: fp }, 'interp_fp');
  const [le] = g.node('Cast', [op(g, 'LessOrEqual', [xpT, x], 'interp_le')], { to: { int: DOUBLE } }, { hint: 'interp_le_d' });
  const axes = g.constant({ type: 'int64', dims: [1], values: [1] }, 'axes');
  const [count] = g.node('ReduceSum', [le, axes], { keepdims: { int: 1 } }, { hint: 'interp_count' });
  const j = op(g, 'Sub', [count, scalar(g, 1, 'one')], 'interp_j');
  const jc = op(g, 'Clip', [j, scalar(g, 0, 'zero'), scalar(g, n - 2, 'interp_last')], 'interp_jc');
  const [j0] = g.node('Cast', [jc], { to: { int: 7 } }, { hint: 'interp_j0' });
  const j1 = op(g, 'Add', [j0, g.constant({ type: 'int64', dims: [], values: [1] }, 'one_i')], 'interp_j1');
  const gather = (t: string, idx: string, hint: string) => g.node('Gather', [t, idx], { axis: { int: 0 } }, { hint })[0];
  const x0 = gather(xpT, j0, 'interp_x0');
  const x1 = gather(xpT, j1, 'interp_x1');
  const f0 = gather(fpT, j0, 'interp_f0');
  const f1 = gather(fpT, j1, 'interp_f1');
  const slope = op(g, 'Div', [op(g, 'Sub', [f1, f0], 'interp_df'), op(g, 'Sub', [x1, x0], 'interp_dx')], 'interp_slope');
  const y = op(g, 'Add', [op(g, 'Mul', [slope, op(g, 'Sub', [x, x0], 'interp_off')], 'interp_rise'), f0], 'interp_y');
  // j = n−1 (at or past the last knot) → fp[n−1]; xp[j] = x → fp[j]; j = −1 (before the first knot) → fp[0].
  const atKnot = op(g, 'Or', [op(g, 'GreaterOrEqual', [j, scalar(g, n - 1, 'interp_last1')], 'interp_end'), op(g, 'Equal', [x0, x], 'interp_on')], 'interp_knot');
  const knotValue = op(g, 'Where', [op(g, 'GreaterOrEqual', [j, scalar(g, n - 1, 'interp_last1')], 'interp_end'), scalar(g, fp[n - 1], 'interp_fl'), f0], 'interp_kv');
  const inside = op(g, 'Where', [atKnot, knotValue, y], 'interp_in');
  const before = op(g, 'Less', [j, scalar(g, 0, 'zero')], 'interp_before');
  return op(g, 'Where', [nan, nanT, op(g, 'Where', [before, scalar(g, fp[0], 'interp_ff'), inside], 'interp_clamped')], 'interp');
}

/** Φ⁻¹(p) clipped to [CLIP_LOW, CLIP_HIGH] as the plugin does after normalQuantile; NaN stays NaN. */
function normalClipped(g: OnnxGraph, p: string): string {
  const half = op(g, 'Sub', [p, scalar(g, 0.5, 'half')], 'ppf_q');
  const central = (() => {
    const r = op(g, 'Sub', [scalar(g, 0.180625, 'ppf_c'), op(g, 'Mul', [half, half], 'ppf_q2')], 'ppf_r');
    return op(g, 'Div', [op(g, 'Mul', [half, horner(g, r, A, 'ppf_a')], 'ppf_num'), horner(g, r, B, 'ppf_b')], 'ppf_central');
  })();
  const negative = op(g, 'Less', [half, scalar(g, 0, 'zero')], 'ppf_neg');
  const tailP = op(g, 'Where', [negative, p, op(g, 'Sub', [scalar(g, 1, 'one'), p], 'ppf_1mp')], 'ppf_tail_p');
  const r = op(g, 'Sqrt', [op(g, 'Neg', [op(g, 'Log', [tailP], 'ppf_log')], 'ppf_nlog')], 'ppf_rt');
  const near = op(g, 'Sub', [r, scalar(g, 1.6, 'ppf_16')], 'ppf_r1');
  const far = op(g, 'Sub', [r, scalar(g, 5, 'ppf_5')], 'ppf_r2');
  const vNear = op(g, 'Div', [horner(g, near, C, 'ppf_c'), horner(g, near, D, 'ppf_d')], 'ppf_vnear');
  const vFar = op(g, 'Div', [horner(g, far, E, 'ppf_e'), horner(g, far, F, 'ppf_f')], 'ppf_vfar');
  const v = op(g, 'Where', [op(g, 'LessOrEqual', [r, scalar(g, 5, 'ppf_5')], 'ppf_isnear'), vNear, vFar], 'ppf_v');
  const tail = op(g, 'Where', [negative, op(g, 'Neg', [v], 'ppf_mv'), v], 'ppf_tail');
  const useCentral = op(g, 'LessOrEqual', [op(g, 'Abs', [half], 'ppf_absq'), scalar(g, 0.425, 'ppf_425')], 'ppf_iscentral');
  const z = op(g, 'Where', [useCentral, central, tail], 'ppf_z');
  const lo = scalar(g, CLIP_LOW, 'ppf_lo');
  const hi = scalar(g, CLIP_HIGH, 'ppf_hi');
  const upper = op(g, 'Where', [op(g, 'Greater', [z, hi], 'ppf_above'), hi, z], 'ppf_upper');
  const clipped = op(g, 'Where', [op(g, 'Less', [z, lo], 'ppf_below'), lo, upper], 'ppf_clipped');
  // p = 0 and p = 1 are ∓∞ in the plugin and clip to the ends; the tail formula gives NaN there, so set them.
  const atOne = op(g, 'Where', [op(g, 'Equal', [p, scalar(g, 1, 'one')], 'ppf_p1'), hi, clipped], 'ppf_at1');
  return op(g, 'Where', [op(g, 'Equal', [p, scalar(g, 0, 'zero')], 'ppf_p0'), lo, atOne], 'ppf');
}

/** −xs reversed (the mirror image the plugin interpolates through for numpy-compatible ties). */
function mirror(xs: Float64Array): Float64Array {
  const n = xs.length;
  return Float64Array.from({ length: n }, (_, i) => -xs[n - 1 - i]);
}

/**
 * transform.quantile: 0.5·(interp(x, q, ref) − interp(−x, −q reversed, −ref reversed)), the ends mapped as the
 * plugin does, then for the normal output Φ⁻¹ by the same AS 241 rational functions and the ±5.2 clip.
 */
export const transformQuantileOnnx: TransformerOnnx = (state, g, inputs) => {
  const s = state as unknown as { inputs: string[]; distribution: 'uniform' | 'normal'; quantiles: Float64Array[] };
  const normal = s.distribution === 'normal';
  return mapColumns(g, inputs, s.inputs, 'transform.quantile', (x, j) => {
    const q = s.quantiles[j];
    const lo = q[0];
    const hi = q[q.length - 1];
    const [nan] = g.node('IsNaN', [x], {}, { hint: 'quantile_nan' });
    if (lo !== lo) return op(g, 'Where', [nan, scalar(g, NaN, 'nan'), scalar(g, normal ? 0 : 0.5, 'quantile_mid')], 'quantile');
    const ref = references(q.length);
    const up = interp(g, x, q, ref);
    const down = interp(g, op(g, 'Neg', [x], 'quantile_negx'), mirror(q), mirror(ref));
    let y = op(g, 'Mul', [scalar(g, 0.5, 'half'), op(g, 'Sub', [up, down], 'quantile_diff')], 'quantile_y');
    if (normal) {
      const atHi = op(g, 'Greater', [op(g, 'Add', [x, scalar(g, BOUNDS, 'bounds')], 'quantile_xp'), scalar(g, hi, 'quantile_hi')], 'quantile_athi');
      y = op(g, 'Where', [atHi, scalar(g, 1, 'one'), y], 'quantile_y1');
      const atLo = op(g, 'Less', [op(g, 'Sub', [x, scalar(g, BOUNDS, 'bounds')], 'quantile_xm'), scalar(g, lo, 'quantile_lo')], 'quantile_atlo');
      y = op(g, 'Where', [atLo, scalar(g, 0, 'zero'), y], 'quantile_y0');
      return normalClipped(g, y);
    }
    y = op(g, 'Where', [op(g, 'Equal', [x, scalar(g, hi, 'quantile_hi')], 'quantile_ishi'), scalar(g, 1, 'one'), y], 'quantile_y1');
    return op(g, 'Where', [op(g, 'Equal', [x, scalar(g, lo, 'quantile_lo')], 'quantile_islo'), scalar(g, 0, 'zero'), y], 'quantile');
  });
};
