import { AutopipeError, isClassification, type EstimatorOnnx, type OnnxModelInput, type OnnxModelOutput } from '@autopipe/core';
import { restoreForestModel } from './forest-model.js';
import { restoreTreeModel } from './tree-model.js';
import { emitTreeSum } from '@autopipe/trees';

/** The output a model's leaf values make: probabilities when it has classes, values otherwise; checked against the task. */
function output(key: string, classes: readonly string[] | null, input: OnnxModelInput, tensor: string): OnnxModelOutput {
  if (isClassification(input.task) !== (classes !== null) || (classes && input.classes && input.classes.length !== classes.length)) {
    throw new AutopipeError('MODEL_INCOMPATIBLE', `Cannot export estimator "${key}" to ONNX: it was fitted for ${classes ? `${classes.length} classes` : 'regression'}, but the export is for a ${input.task} task${input.classes ? ` with ${input.classes.length} classes` : ''}.`, { estimator: key });
  }
  return classes ? { probabilities: tensor } : { values: tensor };
}

/**
 * ONNX export of `decision_tree`: the tree's leaf values (class probabilities after prior smoothing, or means) are
 * exactly what predict reads, so they are gathered as they are.
 */
export function decisionTreeOnnx(key: string): EstimatorOnnx {
  return (state, graph, input) => {
    const model = restoreTreeModel(key, state);
    const tree = model.tree;
    const trees = { ...tree, roots: Int32Array.of(0), leafRow: (node: number) => node };
    const sum = emitTreeSum(graph, input.x, input.features, model.bins, trees, { what: `estimator "${key}"`, table: tree.values, width: tree.valueSize, group: 1 });
    return output(key, model.classes, input, sum);
  };
}

/** ONNX export of `random_forest` and `extra_trees`: leaf values summed over trees in order, then × 1/trees, as predict does. */
export function forestOnnx(key: string): EstimatorOnnx {
  return (state, graph, input) => {
    const model = restoreForestModel(key, state);
    const f = model.forest;
    const trees = { ...f, leafRow: (node: number) => f.right[node] };
    const sum = emitTreeSum(graph, input.x, input.features, model.bins, trees, {
      what: `estimator "${key}"`, table: f.values, width: f.valueSize, group: 1, scale: 1 / f.roots.length,
    });
    return output(key, model.classes, input, sum);
  };
}
