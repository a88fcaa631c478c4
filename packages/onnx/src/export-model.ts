import {
  AutopipeError, isClassification, isNumericType, onnxUnsupported, type OnnxColumn, type OnnxGraph, type OpenedModel, type OpenedPipeline,
} from '@autopipe/core';
import { emitEstimator } from './estimator-output.js';
import { OnnxGraphBuilder, type OnnxGraphBuilderOptions } from './graph-builder.js';

/** The graph inputs of a model: one [N, 1] tensor per raw feature column, double for numeric and boolean columns, string otherwise. */
export function modelInputs(model: Pick<OpenedModel, 'schema' | 'ignored'>): { name: string; type: 'double' | 'string' }[] {
  const ignored = new Set(model.ignored);
  return model.schema.filter((c) => !ignored.has(c.name)).map((c) => ({ name: c.name, type: isNumericType(c.type) ? 'double' as const : 'string' as const }));
}

/** Emits one pipeline's steps in order, then its estimator; returns the estimator's double output tensor. */
function emitPipeline(g: OnnxGraph, p: OpenedPipeline, raw: ReadonlyMap<string, OnnxColumn>, model: OpenedModel, member: number): string {
  const cols = new Map(raw);
  for (const step of p.steps) {
    const key = step.definition.key;
    if (!step.definition.toOnnx) throw onnxUnsupported(`transformer "${key}"`, 'its plugin does not implement ONNX export (toOnnx)');
    const inputs = new Map<string, OnnxColumn>();
    for (const name of step.fitted.inputs) {
      const c = cols.get(name);
      if (!c) throw new AutopipeError('INTERNAL', `ONNX export: step "${key}" of member ${member} takes column "${name}", which no earlier step produced.`);
      inputs.set(name, c);
    }
    const outputs = step.definition.toOnnx(step.state, g, inputs);
    for (const name of step.fitted.inputs) cols.delete(name);
    for (const [name, c] of outputs) cols.set(name, c);
  }
  const parts = p.columns.map((name) => {
    const c = cols.get(name);
    if (!c) throw new AutopipeError('INTERNAL', `ONNX export: the estimator of member ${member} takes column "${name}", which the steps did not produce.`);
    if (c.type !== 'double') throw new AutopipeError('INTERNAL', `ONNX export: column "${name}" reaches the estimator as ${c.type}; it must be numeric.`);
    return c.tensor;
  });
  if (parts.length === 0) throw new AutopipeError('INTERNAL', `ONNX export: the estimator of member ${member} takes no columns.`);
  const [x] = parts.length === 1 ? [parts[0]] : g.node('Concat', parts, { axis: { int: 1 } }, { hint: `x_m${member}` });
  return emitEstimator(g, p.estimator, p.state, x, { features: parts.length, task: model.task, ...(model.classes ? { classes: model.classes } : {}) });
}

/** Level-one features, as `stackFeatures` in the runtime lays them out: P(positive) per member for binary, every class for multiclass, the value for regression. */
function stackInputs(g: OnnxGraph, outs: readonly string[], model: OpenedModel): { x: string; features: number } {
  if (model.task !== 'binary') {
    const per = model.task === 'multiclass' ? model.classes!.length : 1;
    return { x: g.node('Concat', [...outs], { axis: { int: 1 } }, { hint: 'stack_x' })[0], features: per * outs.length };
  }
  const starts = g.constant({ type: 'int64', dims: [1], values: [1] }, 'one');
  const ends = g.constant({ type: 'int64', dims: [1], values: [2] }, 'two');
  const axes = g.constant({ type: 'int64', dims: [1], values: [1] }, 'axis1');
  const pos = outs.map((o, m) => g.node('Slice', [o, starts, ends, axes], {}, { hint: `stack_p_m${m}` })[0]);
  return { x: g.node('Concat', pos, { axis: { int: 1 } }, { hint: 'stack_x' })[0], features: outs.length };
}

/** The runtime's `applyTemperature`, op for op: each probability to the power 1 / T, divided by the row's sum in class order. */
function temper(g: OnnxGraph, p: string, temperature: number, k: number): string {
  const [powered] = g.node('Pow', [p, g.constant({ type: 'double', dims: [], values: [1 / temperature] }, 'inv_temperature')], {}, { hint: 'tempered' });
  const cols = g.node('Split', [powered, g.constant({ type: 'int64', dims: [k], values: new Array<number>(k).fill(1) }, 'split_classes')], { axis: { int: 1 } }, { outputs: k, hint: 'tempered_class' });
  let sum = cols[0];
  for (let c = 1; c < k; c++) sum = g.node('Add', [sum, cols[c]], {}, { hint: 'tempered_sum' })[0];
  return g.node('Div', [powered, sum], {}, { hint: 'calibrated' })[0];
}

/**
 * A whole saved model as one graph. Inputs: the raw feature columns by name, [N, 1] each — double for numeric and
 * boolean columns (missing = NaN), string otherwise (missing = ""). Outputs: "label" (string [N], the arg-max class,
 * first wins ties) and "probabilities" (double [N, classes]) for classification; "values" (double [N, 1]) for
 * regression. Throws EXPORT_UNSUPPORTED naming the first step or estimator that cannot be expressed.
 */
export function exportModel(model: OpenedModel, options: OnnxGraphBuilderOptions = {}): Uint8Array {
  const g = new OnnxGraphBuilder({ name: 'autopipe_model', metadata: { target: model.target, task: model.task, combine: model.combine }, ...options });
  const classification = isClassification(model.task);
  const outputs = classification ? ['label', 'probabilities'] : ['values'];
  g.reserve(...outputs);
  const raw = new Map<string, OnnxColumn>();
  for (const c of modelInputs(model)) {
    if (outputs.includes(c.name)) throw onnxUnsupported(`column "${c.name}"`, `its name is the name of the graph's output "${c.name}"; rename the column and retrain`);
    raw.set(c.name, { tensor: g.input(c.name, c.type, ['N', 1]), type: c.type });
  }
  if (model.members.length === 0) throw new AutopipeError('INTERNAL', 'ONNX export: the model has no members.');
  const outs = model.members.map((m, i) => emitPipeline(g, m.pipeline, raw, model, i));

  let out: string;
  if (model.combine === 'single') out = outs[0];
  else if (model.combine === 'caruana') {
    const weighted = outs.map((o, i) => g.node('Mul', [o, g.constant({ type: 'double', dims: [], values: [model.members[i].weight] }, `w_m${i}`)], {}, { hint: `weighted_m${i}` })[0]);
    out = weighted.length === 1 ? weighted[0] : g.node('Sum', weighted, {}, { hint: 'blend' })[0];
  } else {
    if (!model.meta) throw new AutopipeError('INTERNAL', 'ONNX export: the stacking model has no meta-learner.');
    const z = stackInputs(g, outs, model);
    out = emitEstimator(g, model.meta.estimator, model.meta.state, z.x, { features: z.features, task: model.task, ...(model.classes ? { classes: model.classes } : {}) });
  }

  if (!classification) {
    g.output('values', out, 'double', ['N', 1]);
    return g.toBytes();
  }
  const classes = model.classes ?? [];
  if (model.temperature !== undefined) out = temper(g, out, model.temperature, classes.length);
  const [code] = g.node('ArgMax', [out], { axis: { int: 1 }, keepdims: { int: 0 }, select_last_index: { int: 0 } }, { hint: 'label_code' });
  const names = g.constant({ type: 'string', dims: [classes.length], values: classes }, 'classes');
  const [label] = g.node('Gather', [names, code], { axis: { int: 0 } }, { hint: 'label_name' });
  g.output('label', label, 'string', ['N']);
  g.output('probabilities', out, 'double', ['N', classes.length]);
  return g.toBytes();
}
