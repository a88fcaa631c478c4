import type { EstimatorOnnx, OnnxGraph } from '@autopipe/core';

/** Floor of normalized log-likelihoods under calibration; must equal LOG_FLOOR in calibration.ts. */
const LOG_FLOOR = 30;

type Calibrated = { classes: string[]; calibration?: { scale: number; bias: Float64Array } };

function axes(g: OnnxGraph, ...a: number[]): string {
  return g.constant({ type: 'int64', dims: [a.length], values: a }, 'axes');
}

/**
 * Probabilities from class log-likelihoods `jll` [N, K], as `normalizeLogProba(calibrate(jll))`: with a calibration,
 * row-normalize in log space (max-shifted, so likelihoods like e^-1000 survive), floor at −LOG_FLOOR, apply
 * scale and offsets; then softmax.
 */
function probabilities(g: OnnxGraph, jll: string, s: Calibrated): string {
  const cal = s.calibration;
  let z = jll;
  if (cal && !(cal.scale === 1 && cal.bias.every((b) => b === 0))) {
    const [mx] = g.node('ReduceMax', [jll, axes(g, 1)], { keepdims: { int: 1 } }, { hint: 'nb_max' });
    const [d] = g.node('Sub', [jll, mx], {}, { hint: 'nb_shift' });
    const [e] = g.node('Exp', [d], {}, { hint: 'nb_exp' });
    const [sum] = g.node('ReduceSum', [e, axes(g, 1)], { keepdims: { int: 1 } }, { hint: 'nb_sum' });
    const [lse] = g.node('Log', [sum], {}, { hint: 'nb_lse' });
    const [l] = g.node('Sub', [d, lse], {}, { hint: 'nb_logp' });
    const [floored] = g.node('Max', [l, g.constant({ type: 'double', dims: [], values: [-LOG_FLOOR] }, 'nb_floor')], {}, { hint: 'nb_floored' });
    const [scaled] = g.node('Mul', [floored, g.constant({ type: 'double', dims: [], values: [cal.scale] }, 'nb_scale')], {}, { hint: 'nb_scaled' });
    [z] = g.node('Add', [scaled, g.constant({ type: 'double', dims: [cal.bias.length], values: cal.bias }, 'nb_bias')], {}, { hint: 'nb_calibrated' });
  }
  return g.node('Softmax', [z], { axis: { int: 1 } }, { hint: 'nb_proba' })[0];
}

/**
 * Gaussian NB: jll[i, c] = logPrior_c − ½Σ_j log(2π var_cj) − Σ_j (x_ij − θ_cj)² / (2 var_cj), computed on the
 * differences (broadcast to [N, K, F]) rather than an expanded quadratic, which would cancel badly.
 */
export const gaussianNbOnnx: EstimatorOnnx = (state, g, input) => {
  const s = state as unknown as Calibrated & { cols: number; theta: Float64Array; variance: Float64Array; logPrior: Float64Array };
  const k = s.classes.length;
  const base = new Float64Array(k);
  const half = new Float64Array(k * s.cols);
  for (let c = 0; c < k; c++) {
    let b = s.logPrior[c];
    for (let j = 0; j < s.cols; j++) {
      b -= 0.5 * Math.log(2 * Math.PI * s.variance[c * s.cols + j]);
      half[c * s.cols + j] = 0.5 / s.variance[c * s.cols + j];
    }
    base[c] = b;
  }
  const [x3] = g.node('Unsqueeze', [input.x, axes(g, 1)], {}, { hint: 'gnb_x' });
  const [d] = g.node('Sub', [x3, g.constant({ type: 'double', dims: [k, s.cols], values: s.theta }, 'gnb_theta')], {}, { hint: 'gnb_diff' });
  const [sq] = g.node('Mul', [d, d], {}, { hint: 'gnb_sq' });
  const [w] = g.node('Mul', [sq, g.constant({ type: 'double', dims: [k, s.cols], values: half }, 'gnb_half_prec')], {}, { hint: 'gnb_weighted' });
  const [sum] = g.node('ReduceSum', [w, axes(g, 2)], { keepdims: { int: 0 } }, { hint: 'gnb_quad' });
  const [jll] = g.node('Sub', [g.constant({ type: 'double', dims: [k], values: base }, 'gnb_base'), sum], {}, { hint: 'gnb_jll' });
  return { probabilities: probabilities(g, jll, s) };
};

/** Multinomial NB: jll = classLogPrior + x · featureLogProbᵀ (log-probabilities are finite: alpha ≥ 1e-10). */
export const multinomialNbOnnx: EstimatorOnnx = (state, g, input) => {
  const s = state as unknown as Calibrated & { cols: number; featureLogProb: Float64Array; classLogPrior: Float64Array };
  const k = s.classes.length;
  const w = new Float64Array(s.cols * k);
  for (let c = 0; c < k; c++) for (let j = 0; j < s.cols; j++) w[j * k + c] = s.featureLogProb[c * s.cols + j];
  const [xw] = g.node('MatMul', [input.x, g.constant({ type: 'double', dims: [s.cols, k], values: w }, 'mnb_logprob')], {}, { hint: 'mnb_xw' });
  const [jll] = g.node('Add', [xw, g.constant({ type: 'double', dims: [k], values: s.classLogPrior }, 'mnb_prior')], {}, { hint: 'mnb_jll' });
  return { probabilities: probabilities(g, jll, s) };
};
