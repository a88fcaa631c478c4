import { isClassification, type EstimatorDefinition, type StateValue, type Task } from '@autopipe/core';
import { emitEstimator } from './estimator-output.js';
import { OnnxGraphBuilder, type OnnxGraphBuilderOptions } from './graph-builder.js';

/**
 * One fitted estimator as a graph: input "x" (double [N, features], matrix column order) → output "probabilities"
 * (double [N, classes], class-code order) for classification or "values" (double [N, 1]) for regression.
 */
export function exportEstimator(def: EstimatorDefinition, state: StateValue, input: { features: number; task: Task; classes?: readonly string[] }, options: OnnxGraphBuilderOptions = {}): Uint8Array {
  const g = new OnnxGraphBuilder({ name: `autopipe_${def.key}`, ...options });
  g.reserve('probabilities', 'values');
  const x = g.input('x', 'double', ['N', input.features]);
  const out = emitEstimator(g, def, state, x, input);
  if (isClassification(input.task)) g.output('probabilities', out, 'double', ['N', input.classes?.length ?? 2]);
  else g.output('values', out, 'double', ['N', 1]);
  return g.toBytes();
}
