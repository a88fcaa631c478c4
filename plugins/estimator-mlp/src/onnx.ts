import type { EstimatorOnnx } from '@autopipe/core';

type MlpState = { cols: number; hidden: number[]; classes: string[] | null; yMean: number; yStd: number; kernels: Float32Array[]; biases: Float32Array[] };

/**
 * The inference network as ONNX: per layer MatMul + Add (weights widened to double, since predict does its math in
 * float64 on the float32 weights), ReLU between layers; batch norm is already folded into the weights. Then sigmoid
 * (binary), softmax (multiclass), or the undoing of the target standardization (regression).
 */
export const mlpOnnx: EstimatorOnnx = (state, g, input) => {
  const s = state as unknown as MlpState;
  const widths = [s.cols, ...s.hidden, s.classes ? (s.classes.length === 2 ? 1 : s.classes.length) : 1];
  let a = input.x;
  s.kernels.forEach((kernel, l) => {
    const w = g.constant({ type: 'double', dims: [widths[l], widths[l + 1]], values: Float64Array.from(kernel) }, `mlp_w${l}`);
    const b = g.constant({ type: 'double', dims: [widths[l + 1]], values: Float64Array.from(s.biases[l]) }, `mlp_b${l}`);
    const [xw] = g.node('MatMul', [a, w], {}, { hint: `mlp_xw${l}` });
    [a] = g.node('Add', [xw, b], {}, { hint: `mlp_z${l}` });
    if (l < s.kernels.length - 1) [a] = g.node('Relu', [a], {}, { hint: `mlp_h${l}` });
  });
  if (!s.classes) {
    const [scaled] = g.node('Mul', [a, g.constant({ type: 'double', dims: [], values: [s.yStd] }, 'mlp_ystd')], {}, { hint: 'mlp_scaled' });
    return { values: g.node('Add', [scaled, g.constant({ type: 'double', dims: [], values: [s.yMean] }, 'mlp_ymean')], {}, { hint: 'mlp_values' })[0] };
  }
  if (s.classes.length > 2) return { probabilities: g.node('Softmax', [a], { axis: { int: 1 } }, { hint: 'mlp_proba' })[0] };
  const [p1] = g.node('Sigmoid', [a], {}, { hint: 'mlp_p1' });
  const [p0] = g.node('Sub', [g.constant({ type: 'double', dims: [], values: [1] }, 'one'), p1], {}, { hint: 'mlp_p0' });
  return { probabilities: g.node('Concat', [p0, p1], { axis: { int: 1 } }, { hint: 'mlp_proba' })[0] };
};
