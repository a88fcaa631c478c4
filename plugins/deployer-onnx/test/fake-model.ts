import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AutopipeError, classPrediction, type EstimatorDefinition, type EstimatorOnnx, type Frame, type OpenedModel } from '@autopipe/core';

/** A one-feature-pair "logistic" estimator with an ONNX export, standing in for a real plugin. */
const W = [0.75, -1.5];
const B = 0.2;

const tiny: EstimatorDefinition = {
  kind: 'estimator', key: 'tiny_logit', description: 'test', tasks: ['binary'], capabilities: [], defaults: {}, space: {},
  fit: () => { throw new Error('not used'); },
  restore: () => { throw new Error('not used'); },
  toOnnx: (_state, g, input) => {
    const [xw] = g.node('MatMul', [input.x, g.constant({ type: 'double', dims: [2, 1], values: W })]);
    const [p1] = g.node('Sigmoid', [g.node('Add', [xw, g.constant({ type: 'double', dims: [], values: [B] })])[0]]);
    const [p0] = g.node('Sub', [g.constant({ type: 'double', dims: [], values: [1] }), p1]);
    return { probabilities: g.node('Concat', [p0, p1], { axis: { int: 1 } })[0] };
  },
};

function predict(frame: Frame) {
  const a = frame.numeric('a');
  const b = frame.numeric('b');
  const proba = new Float64Array(frame.nrow * 2);
  for (let i = 0; i < frame.nrow; i++) {
    const p1 = 1 / (1 + Math.exp(-(W[0] * (a[i] === a[i] ? a[i] : 0) + W[1] * (b[i] === b[i] ? b[i] : 0) + B)));
    proba[i * 2] = 1 - p1;
    proba[i * 2 + 1] = p1;
  }
  return classPrediction(['no', 'yes'], proba);
}

/** Opens the kit's sample model directory as a small binary model (NaN read as 0, in autopipe and in the graph). */
export function openFake(dir: string, opts: { exportable?: boolean } = {}): OpenedModel {
  if (!existsSync(join(dir, 'manifest.json'))) throw new AutopipeError('MODEL_NOT_FOUND', `No model in ${dir}.`, { path: dir });
  // NaN → 0 inside the graph too, so autopipe and the export agree on missing cells.
  const withMissing: EstimatorOnnx = (s, g, input) => {
    const [nan] = g.node('IsNaN', [input.x]);
    const [x] = g.node('Where', [nan, g.constant({ type: 'double', dims: [], values: [0] }), input.x]);
    return tiny.toOnnx!(s, g, { ...input, x });
  };
  const estimator: EstimatorDefinition = opts.exportable === false ? { ...tiny, key: 'opaque', toOnnx: undefined } : { ...tiny, toOnnx: withMissing };
  return {
    dir, task: 'binary', target: 'y', classes: ['no', 'yes'],
    schema: [{ name: 'a', type: 'numeric' }, { name: 'b', type: 'boolean' }, { name: 'y', type: 'categorical' }],
    ignored: ['y'], combine: 'single',
    members: [{ weight: 1, pipeline: { steps: [], columns: ['a', 'b'], estimator, state: {} } }],
    predict,
  };
}
