import type { EstimatorOnnx, OnnxGraph, StateValue } from '@autopipe/core';

type LinearState = { cols: number; coef: Float64Array; intercept: Float64Array | number };

/** z = x·Wᵀ + b for output-major coefficients (`outputs × cols`), as a [N, outputs] double tensor. */
function scores(g: OnnxGraph, x: string, s: LinearState, hint: string): string {
  const b = typeof s.intercept === 'number' ? Float64Array.of(s.intercept) : s.intercept;
  const outputs = b.length;
  // State is output-major; MatMul wants [cols, outputs].
  const w = new Float64Array(s.cols * outputs);
  for (let o = 0; o < outputs; o++) for (let j = 0; j < s.cols; j++) w[j * outputs + o] = s.coef[o * s.cols + j];
  const wt = g.constant({ type: 'double', dims: [s.cols, outputs], values: w }, `${hint}_coef`);
  const bt = g.constant({ type: 'double', dims: [outputs], values: b }, `${hint}_intercept`);
  const [xw] = g.node('MatMul', [x, wt], {}, { hint: `${hint}_xw` });
  return g.node('Add', [xw, bt], {}, { hint: `${hint}_z` })[0];
}

/** Logistic regression: sigmoid of one score for binary (probabilities [1 − p, p]), softmax over class scores otherwise. */
export const logisticOnnx: EstimatorOnnx = (state, g, input) => {
  const s = state as unknown as LinearState & { classes: string[] };
  const z = scores(g, input.x, s, 'logistic');
  if (s.classes.length > 2) return { probabilities: g.node('Softmax', [z], { axis: { int: 1 } }, { hint: 'logistic_proba' })[0] };
  const [p1] = g.node('Sigmoid', [z], {}, { hint: 'logistic_p1' });
  const one = g.constant({ type: 'double', dims: [], values: [1] }, 'one');
  const [p0] = g.node('Sub', [one, p1], {}, { hint: 'logistic_p0' });
  return { probabilities: g.node('Concat', [p0, p1], { axis: { int: 1 } }, { hint: 'logistic_proba' })[0] };
};

/** Ridge, lasso and elastic net: ŷ = intercept + x·coef, as values [N, 1]. */
export const linearRegressorOnnx: EstimatorOnnx = (state: StateValue, g, input) => ({ values: scores(g, input.x, state as unknown as LinearState, 'linear') });
