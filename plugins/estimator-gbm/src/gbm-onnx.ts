import { AutopipeError, isClassification, type EstimatorOnnx, type OnnxGraph } from '@autopipe/core';
import { restoreGbmModel } from './gbm-model.js';
import { emitTreeSum } from '@autopipe/trees';

function scalar(graph: OnnxGraph, v: number, hint: string): string {
  return graph.constant({ type: 'double', dims: [1], values: [v] }, hint);
}

/** ReduceMax over axis 1, keeping it; its axes moved from attribute to input in ONNX opset 18. */
function rowMax(graph: OnnxGraph, t: string): string {
  const keep = { keepdims: { int: 1 } };
  if (graph.opset.onnx >= 18) return graph.node('ReduceMax', [t, graph.constant({ type: 'int64', dims: [1], values: [1] }, 'axis1')], keep)[0];
  return graph.node('ReduceMax', [t], { ...keep, axes: { ints: [1] } })[0];
}

/** predict's `1 / (1 + exp(-raw))`, then [1 - p, p], written out op for op so the doubles follow the same steps. */
function sigmoidPair(graph: OnnxGraph, raw: string): string {
  const one = scalar(graph, 1, 'one');
  const e = graph.node('Exp', [graph.node('Neg', [raw])[0]])[0];
  const p = graph.node('Div', [one, graph.node('Add', [one, e])[0]], {}, { hint: 'p1' })[0];
  const q = graph.node('Sub', [one, p], {}, { hint: 'p0' })[0];
  return graph.node('Concat', [q, p], { axis: { int: 1 } }, { hint: 'probabilities' })[0];
}

/**
 * predict's softmax: `exp(raw - rowmax)`, summed class by class in order (a ReduceSum may reorder), then divided.
 */
function softmax(graph: OnnxGraph, raw: string, k: number): string {
  const e = graph.node('Exp', [graph.node('Sub', [raw, rowMax(graph, raw)])[0]])[0];
  const cols = graph.node('Split', [e, graph.constant({ type: 'int64', dims: [k], values: new Array<number>(k).fill(1) }, 'split')], { axis: { int: 1 } }, { outputs: k, hint: 'exp' });
  let s = cols[0];
  for (let c = 1; c < k; c++) s = graph.node('Add', [s, cols[c]], {}, { hint: 'exp_sum' })[0];
  return graph.node('Div', [e, s], {}, { hint: 'probabilities' })[0];
}

/**
 * ONNX export of `gbm`: raw scores are the initial scores plus every kept tree's (already shrunken) leaf value, in
 * tree order, tree t feeding output t mod outputs; then the identity (regression, whatever the loss: absolute and
 * huber only change how leaf values were fitted), the sigmoid (binary) or the softmax (multiclass). There are no
 * categorical splits to translate: categoricals reach gbm ordinal-encoded and split like numbers.
 */
export function gbmOnnx(key: string): EstimatorOnnx {
  return (state, graph, input) => {
    const { trees, init, outputs, bins, classes } = restoreGbmModel(key, state).contents;
    if (isClassification(input.task) !== (classes !== null) || (classes && input.classes && input.classes.length !== classes.length)) {
      throw new AutopipeError('MODEL_INCOMPATIBLE', `Cannot export estimator "${key}" to ONNX: it was fitted for ${classes ? `${classes.length} classes` : 'regression'}, but the export is for a ${input.task} task${input.classes ? ` with ${input.classes.length} classes` : ''}.`, { estimator: key });
    }
    const raw = emitTreeSum(graph, input.x, input.features, bins, { ...trees, leafRow: (node: number) => node }, {
      what: `estimator "${key}"`, table: trees.value, width: 1, group: outputs, init,
    });
    if (!classes) return { values: raw };
    return { probabilities: outputs === 1 ? sigmoidPair(graph, raw) : softmax(graph, raw, outputs) };
  };
}
