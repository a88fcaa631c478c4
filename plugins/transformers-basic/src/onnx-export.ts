import type { OnnxColumn, StateValue, TransformerOnnx } from '@autopipe/core';
import { MISSING, OTHER, levelName } from './onehot-levels.js';
import { DOUBLE, affine, column, double, encodeStrings, mapColumns, oneHot, scalar } from './onnx-ops.js';

type Fields = Record<string, StateValue>;
const fields = (s: StateValue) => s as Fields;

/**
 * ONNX exports of the basic transformers. Graph conventions: numeric cells are double with NaN for missing,
 * category cells are strings with "" for missing (ONNX strings have no null), so "" is read as a missing cell.
 */

/** impute.numeric: Where(IsNaN(x), fill, x), plus Cast(IsNaN(x)) as the `<col>__missing` indicator. */
export const imputeNumericOnnx: TransformerOnnx = (state, g, inputs) => {
  const s = fields(state) as { inputs: string[]; fills: Float64Array; indicators: string[]; types: { name: string }[] };
  const out = new Map<string, OnnxColumn>();
  s.inputs.forEach((name, j) => {
    const x = column(inputs, name, 'impute.numeric');
    const [nan] = g.node('IsNaN', [x], {}, { hint: 'impute_isnan' });
    out.set(s.types[j].name, double(g.node('Where', [nan, scalar(g, s.fills[j], 'impute_fill'), x], {}, { hint: 'imputed' })[0]));
    if (s.indicators[j]) out.set(s.indicators[j], double(g.node('Cast', [nan], { to: { int: DOUBLE } }, { hint: 'missing_flag' })[0]));
  });
  return out;
};

/** impute.categorical: "" (missing) becomes the fill. */
export const imputeCategoricalOnnx: TransformerOnnx = (state, g, inputs) => {
  const s = fields(state) as { inputs: string[]; fills: string[] };
  const empty = g.constant({ type: 'string', dims: [], values: [''] }, 'empty');
  const out = new Map<string, OnnxColumn>();
  s.inputs.forEach((name, j) => {
    const x = column(inputs, name, 'impute.categorical');
    const [missing] = g.node('Equal', [x, empty], {}, { hint: 'impute_is_empty' });
    const fill = g.constant({ type: 'string', dims: [], values: [s.fills[j]] }, 'impute_fill');
    out.set(name, { tensor: g.node('Where', [missing, fill, x], {}, { hint: 'imputed' })[0], type: 'string' });
  });
  return out;
};

/**
 * encode.onehot: LabelEncoder to the level's code — kept levels 0..L−1, `__other__` L for rare and unseen
 * strings, `__missing__` L+1 for "" and the literal strings "__missing__" — then one 0/1 column per code.
 */
export const encodeOneHotOnnx: TransformerOnnx = (state, g, inputs) => {
  const s = fields(state) as { inputs: string[]; levels: string[][] };
  const out = new Map<string, OnnxColumn>();
  s.inputs.forEach((name, j) => {
    const kept = s.levels[j];
    const other = kept.length;
    const missing = kept.length + 1;
    const keys = [...kept, OTHER, MISSING, ''];
    const codes = [...kept.map((_, k) => k), other, missing, missing];
    const code = encodeStrings(g, column(inputs, name, 'encode.onehot'), keys, codes, other, 'onehot_code');
    const flags = oneHot(g, code, kept.length + 2, 'onehot');
    [...kept, OTHER, MISSING].forEach((level, k) => out.set(levelName(name, level), double(flags[k])));
  });
  return out;
};

/** scale.standard: (x − mean) / scale. */
export const scaleStandardOnnx: TransformerOnnx = (state, g, inputs) => {
  const s = fields(state) as { inputs: string[]; means: Float64Array; scales: Float64Array };
  return mapColumns(g, inputs, s.inputs, 'scale.standard', (x, j) => affine(g, x, s.means[j], s.scales[j], 'standard'));
};

/** scale.robust: (x − center) / scale. */
export const scaleRobustOnnx: TransformerOnnx = (state, g, inputs) => {
  const s = fields(state) as { inputs: string[]; centers: Float64Array; scales: Float64Array };
  return mapColumns(g, inputs, s.inputs, 'scale.robust', (x, j) => affine(g, x, s.centers[j], s.scales[j], 'robust'));
};

/** clip.outliers: comparisons rather than Clip, so NaN passes through unchanged as in the plugin. */
export const clipOutliersOnnx: TransformerOnnx = (state, g, inputs) => {
  const s = fields(state) as { inputs: string[]; lows: Float64Array; highs: Float64Array };
  return mapColumns(g, inputs, s.inputs, 'clip.outliers', (x, j) => {
    const lo = scalar(g, s.lows[j], 'clip_lo');
    const hi = scalar(g, s.highs[j], 'clip_hi');
    const [above] = g.node('Greater', [x, hi], {}, { hint: 'clip_above' });
    const [upper] = g.node('Where', [above, hi, x], {}, { hint: 'clip_upper' });
    const [below] = g.node('Less', [x, lo], {}, { hint: 'clip_below' });
    return g.node('Where', [below, lo, upper], {}, { hint: 'clipped' })[0];
  });
};

/**
 * transform.power: Yeo-Johnson with the column's λ (which branch formula applies is decided at export, as λ is
 * known), Where(x ≥ 0, …) picks the side per cell (NaN falls to the negative side, which keeps it NaN), then
 * standardization.
 */
export const transformPowerOnnx: TransformerOnnx = (state, g, inputs) => {
  const s = fields(state) as { inputs: string[]; lambdas: Float64Array; means: Float64Array; scales: Float64Array };
  const one = scalar(g, 1, 'one');
  return mapColumns(g, inputs, s.inputs, 'transform.power', (x, j) => {
    const lambda = s.lambdas[j];
    const [xp1] = g.node('Add', [x, one], {}, { hint: 'yj_xp1' });
    let pos: string;
    if (Math.abs(lambda) < Number.EPSILON) [pos] = g.node('Log', [xp1], {}, { hint: 'yj_pos' });
    else {
      const [pw] = g.node('Pow', [xp1, scalar(g, lambda, 'yj_lambda')], {}, { hint: 'yj_pow' });
      const [m1] = g.node('Sub', [pw, one], {}, { hint: 'yj_pm1' });
      [pos] = g.node('Div', [m1, scalar(g, lambda, 'yj_lambda')], {}, { hint: 'yj_pos' });
    }
    const [omx] = g.node('Sub', [one, x], {}, { hint: 'yj_1mx' });
    let neg: string;
    if (Math.abs(lambda - 2) > Number.EPSILON) {
      const [pw] = g.node('Pow', [omx, scalar(g, 2 - lambda, 'yj_2ml')], {}, { hint: 'yj_npow' });
      const [m1] = g.node('Sub', [pw, one], {}, { hint: 'yj_nm1' });
      const [q] = g.node('Div', [m1, scalar(g, 2 - lambda, 'yj_2ml')], {}, { hint: 'yj_nq' });
      [neg] = g.node('Neg', [q], {}, { hint: 'yj_neg' });
    } else {
      [neg] = g.node('Neg', [g.node('Log', [omx], {}, { hint: 'yj_nlog' })[0]], {}, { hint: 'yj_neg' });
    }
    const [nonneg] = g.node('GreaterOrEqual', [x, scalar(g, 0, 'zero')], {}, { hint: 'yj_side' });
    const [t] = g.node('Where', [nonneg, pos, neg], {}, { hint: 'yeo_johnson' });
    return affine(g, t, s.means[j], s.scales[j], 'power');
  });
};
