import { AutopipeError, isClassification, onnxUnsupported, type EstimatorDefinition, type OnnxGraph, type StateValue, type Task } from '@autopipe/core';

/** TensorProto.DataType code of double, for Cast. */
export const DOUBLE = 11;

/**
 * Emits a fitted estimator into `graph` on the double matrix tensor `x` and returns its output as a double tensor:
 * probabilities [N, classes] for classification, values [N, 1] for regression. Refuses estimators without `toOnnx`.
 */
export function emitEstimator(graph: OnnxGraph, def: EstimatorDefinition, state: StateValue, x: string, input: { features: number; task: Task; classes?: readonly string[] }): string {
  if (!def.toOnnx) throw onnxUnsupported(`estimator "${def.key}"`, 'its plugin does not implement ONNX export (toOnnx)');
  const out = def.toOnnx(state, graph, { x, features: input.features, task: input.task, ...(input.classes ? { classes: input.classes } : {}) });
  const tensor = isClassification(input.task) ? out.probabilities : out.values;
  if (!tensor) {
    const want = isClassification(input.task) ? 'probabilities' : 'values';
    throw new AutopipeError('INTERNAL', `Estimator "${def.key}": its ONNX export returned no ${want} for a ${input.task} task.`, { estimator: def.key });
  }
  // The contract lets plugins return float or double; a Cast to double is a no-op on double.
  return graph.node('Cast', [tensor], { to: { int: DOUBLE } }, { hint: `${def.key}_out` })[0];
}
