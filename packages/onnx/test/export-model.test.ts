import { describe, expect, it } from 'vitest';
import {
  AutopipeError, Frame, classPrediction, createMatrix, type EstimatorDefinition, type FittedTransformer, type Matrix, type OpenedModel, type OpenedPipeline,
  type ClassPrediction, type Prediction, type StateValue, type Task, type TransformerDefinition,
} from '@autopipe/core';
import { checkExport, exportModel, frameFeeds, maxAbsDiff, runOnnx, syntheticFrame } from '../src/index.js';

// Small hand-made plugins with toOnnx, so the composition (steps, concatenation, members, label) is tested on its own.

type LinState = { w: Float64Array; b: Float64Array; f: number; k: number; softmax: boolean };

/** Fake estimator: softmax(x·W + b) for classes, x·W + b for regression; W is features × outputs, row-major. */
function linPredict(s: LinState, x: Matrix): Float64Array {
  const out = new Float64Array(x.rows * s.k);
  for (let i = 0; i < x.rows; i++) {
    for (let o = 0; o < s.k; o++) {
      let z = s.b[o];
      for (let j = 0; j < s.f; j++) z += x.data[j * x.rows + i] * s.w[j * s.k + o];
      out[i * s.k + o] = z;
    }
    if (s.softmax) {
      let mx = -Infinity;
      for (let o = 0; o < s.k; o++) mx = Math.max(mx, out[i * s.k + o]);
      let sum = 0;
      for (let o = 0; o < s.k; o++) sum += Math.exp(out[i * s.k + o] - mx);
      for (let o = 0; o < s.k; o++) out[i * s.k + o] = Math.exp(out[i * s.k + o] - mx) / sum;
    }
  }
  return out;
}

const lin: EstimatorDefinition = {
  kind: 'estimator', key: 'fake_lin', description: 'test', tasks: ['binary', 'multiclass', 'regression'], capabilities: [], defaults: {}, space: {},
  fit: () => { throw new Error('not used'); },
  restore: () => { throw new Error('not used'); },
  toOnnx: (state, g, input) => {
    const s = state as unknown as LinState;
    const [xw] = g.node('MatMul', [input.x, g.constant({ type: 'double', dims: [s.f, s.k], values: s.w })]);
    const [z] = g.node('Add', [xw, g.constant({ type: 'double', dims: [s.k], values: s.b })]);
    return s.softmax ? { probabilities: g.node('Softmax', [z], { axis: { int: 1 } })[0] } : { values: z };
  },
};
const noExport: EstimatorDefinition = { ...lin, key: 'opaque', toOnnx: undefined };

/** Fake numeric step: x → 2x + 1 (NaN → 0). */
const affine: TransformerDefinition = {
  kind: 'transformer', key: 'fake.affine', description: 'test', accepts: ['numeric'], defaults: {},
  fit: () => { throw new Error('not used'); },
  restore: () => { throw new Error('not used'); },
  toOnnx: (state, g, inputs) => {
    const out = new Map();
    for (const name of (state as { inputs: string[] }).inputs) {
      const x = inputs.get(name)!.tensor;
      const [y] = g.node('Add', [g.node('Mul', [x, g.constant({ type: 'double', dims: [], values: [2] })])[0], g.constant({ type: 'double', dims: [], values: [1] })]);
      const [nan] = g.node('IsNaN', [x]);
      out.set(name, { tensor: g.node('Where', [nan, g.constant({ type: 'double', dims: [], values: [0] }), y])[0], type: 'double' });
    }
    return out;
  },
};
const affineFitted = (inputs: string[]): FittedTransformer => ({
  transformer: 'fake.affine', inputs, outputs: inputs.map((name) => ({ name, type: 'numeric' })), state: () => ({ inputs }),
  transform: (f) => f.with(inputs.map((name) => ({ schema: { name, type: 'numeric' }, data: f.numeric(name).map((v) => (v === v ? 2 * v + 1 : 0)) }))),
});

/** Fake categorical step: color → color_red (1 for "red", else 0; missing → 0.5). */
const code: TransformerDefinition = {
  kind: 'transformer', key: 'fake.code', description: 'test', accepts: ['categorical'], defaults: {},
  fit: () => { throw new Error('not used'); },
  restore: () => { throw new Error('not used'); },
  toOnnx: (_state, g, inputs) => {
    const [c] = g.node('LabelEncoder', [inputs.get('color')!.tensor], { keys_strings: { strings: ['red', ''] }, values_tensor: { tensor: { type: 'double', dims: [2], values: [1, 0.5] } }, default_tensor: { tensor: { type: 'double', dims: [1], values: [0] } } }, { domain: 'ai.onnx.ml' });
    return new Map([['color_red', { tensor: c, type: 'double' as const }]]);
  },
};
const codeFitted: FittedTransformer = {
  transformer: 'fake.code', inputs: ['color'], outputs: [{ name: 'color_red', type: 'numeric' }], state: () => ({}),
  transform: (f) => f.drop(['color']).with([{ schema: { name: 'color_red', type: 'numeric' }, data: Float64Array.from(f.strings('color'), (v) => (v === null ? 0.5 : v === 'red' ? 1 : 0)) }]),
};

const columns = ['num', 'color_red', 'flag'];
function pipeline(estimator: EstimatorDefinition, state: LinState): OpenedPipeline {
  return {
    steps: [{ definition: affine, state: { inputs: ['num'] }, fitted: affineFitted(['num']) }, { definition: code, state: {}, fitted: codeFitted }],
    columns, estimator, state: state as unknown as StateValue,
  };
}

function predictPipeline(p: OpenedPipeline, frame: Frame): Float64Array {
  let f = frame;
  for (const s of p.steps) f = s.fitted.transform(f);
  const x = createMatrix(f.nrow, p.columns, new Float64Array(f.nrow * p.columns.length));
  p.columns.forEach((c, j) => x.data.set(f.numeric(c), j * f.nrow));
  return linPredict(p.state as unknown as LinState, x);
}

const schema = [{ name: 'num', type: 'numeric' as const }, { name: 'color', type: 'categorical' as const }, { name: 'flag', type: 'boolean' as const }, { name: 'id', type: 'id' as const }];
const frame = Frame.fromColumns([
  { schema: schema[0], data: Float64Array.from([1, -2, NaN, 0.5, 3]) },
  { schema: schema[1], data: ['red', null, 'blue', 'red', 'never-seen'] },
  { schema: schema[2], data: Float64Array.from([1, 0, 1, NaN, 0]) },
  { schema: schema[3], data: ['a', 'b', 'c', 'd', 'e'] },
]);

function model(task: Task, combine: OpenedModel['combine'], members: { weight: number; pipeline: OpenedPipeline }[], meta?: { estimator: EstimatorDefinition; state: LinState }, temperature?: number): OpenedModel {
  const classes = task === 'regression' ? undefined : task === 'binary' ? ['no', 'yes'] : ['a', 'b', 'c'];
  const predict = (f: Frame): Prediction => {
    const preds = members.map((m) => predictPipeline(m.pipeline, f));
    let out: Float64Array;
    if (combine === 'stacking') {
      const k = classes?.length ?? 1;
      const cols: Float64Array[] = [];
      for (const p of preds) for (let c = k === 2 ? 1 : 0; c < k; c++) cols.push(Float64Array.from({ length: f.nrow }, (_, i) => p[i * k + c]));
      const z = createMatrix(f.nrow, cols.map((_, j) => `z${j}`), new Float64Array(f.nrow * cols.length));
      cols.forEach((c, j) => z.data.set(c, j * f.nrow));
      out = linPredict(meta!.state, z);
    } else {
      out = new Float64Array(preds[0].length);
      preds.forEach((p, m) => { for (let i = 0; i < out.length; i++) out[i] += members[m].weight * p[i]; });
    }
    if (temperature !== undefined && classes) {
      const k = classes.length;
      for (let i = 0; i < out.length; i += k) {
        let sum = 0;
        for (let c = 0; c < k; c++) sum += out[i + c] = Math.pow(out[i + c], 1 / temperature);
        for (let c = 0; c < k; c++) out[i + c] /= sum;
      }
    }
    return classes ? classPrediction(classes, out) : { kind: 'regression', values: out };
  };
  return {
    dir: '/nowhere', task, target: 'y', schema, ignored: ['y', 'id'], combine, members, predict,
    ...(classes ? { classes } : {}), ...(meta ? { meta: { estimator: meta.estimator, state: meta.state as unknown as StateValue } } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
  };
}

const lState = (f: number, k: number, softmax: boolean, seed: number): LinState => ({
  f, k, softmax, w: Float64Array.from({ length: f * k }, (_, i) => Math.sin(seed * 7 + i * 1.3)), b: Float64Array.from({ length: k }, (_, i) => Math.cos(seed + i) / 3),
});

async function compare(m: OpenedModel): Promise<{ diff: number; labels: string[] | null; want: Prediction }> {
  const out = await runOnnx(exportModel(m), frameFeeds(m, frame));
  const want = m.predict(frame);
  if (want.kind === 'regression') return { diff: maxAbsDiff(out.values.data as Float64Array, want.values), labels: null, want };
  expect(out.label.data).toEqual(Array.from(want.labels, (c) => want.classes[c]));
  return { diff: maxAbsDiff(out.probabilities.data as Float64Array, want.proba), labels: out.label.data as string[], want };
}

describe('exportModel', () => {
  it('single pipeline, binary: steps in order, raw columns by name (ignored ones are not inputs), label = arg-max class', async () => {
    const m = model('binary', 'single', [{ weight: 1, pipeline: pipeline(lin, lState(3, 2, true, 1)) }]);
    const r = await compare(m);
    expect(r.diff).toBeLessThanOrEqual(1e-15);
    expect(new Set(r.labels)).toEqual(new Set(['no', 'yes']));
    expect(Object.keys(frameFeeds(m, frame))).toEqual(['num', 'color', 'flag']);
  });

  it('caruana: weighted average of member probabilities (multiclass)', async () => {
    const m = model('multiclass', 'caruana', [
      { weight: 0.6, pipeline: pipeline(lin, lState(3, 3, true, 2)) },
      { weight: 0.4, pipeline: pipeline(lin, lState(3, 3, true, 3)) },
    ]);
    expect((await compare(m)).diff).toBeLessThanOrEqual(1e-15);
  });

  it('caruana with a temperature: the blend raised to 1 / T, divided by its row sum (multiclass and binary)', async () => {
    const members = [2, 3].map((s, i) => ({ weight: i ? 0.4 : 0.6, pipeline: pipeline(lin, lState(3, 3, true, s)) }));
    const sharp = await compare(model('multiclass', 'caruana', members, undefined, 0.4));
    expect(sharp.diff).toBeLessThanOrEqual(1e-12);
    // The temperature is really applied: the tempered probabilities are not the plain blend's.
    expect(maxAbsDiff((sharp.want as ClassPrediction).proba, (model('multiclass', 'caruana', members).predict(frame) as ClassPrediction).proba)).toBeGreaterThan(0.01);
    const bin = [4, 5].map((s) => ({ weight: 0.5, pipeline: pipeline(lin, lState(3, 2, true, s)) }));
    expect((await compare(model('binary', 'caruana', bin, undefined, 1.7))).diff).toBeLessThanOrEqual(1e-12);
  });

  it('stacking, binary: the meta-learner sees P(positive) of each member, in member order', async () => {
    const members = [1, 2, 3].map((s) => ({ weight: 1, pipeline: pipeline(lin, lState(3, 2, true, s)) }));
    const m = model('binary', 'stacking', members, { estimator: lin, state: lState(3, 2, true, 9) });
    expect((await compare(m)).diff).toBeLessThanOrEqual(1e-15);
  });

  it('stacking, multiclass (every class probability per member) and regression (the value per member)', async () => {
    const mc = model('multiclass', 'stacking', [1, 2].map((s) => ({ weight: 1, pipeline: pipeline(lin, lState(3, 3, true, s)) })), { estimator: lin, state: lState(6, 3, true, 5) });
    expect((await compare(mc)).diff).toBeLessThanOrEqual(1e-15);
    const rg = model('regression', 'stacking', [1, 2].map((s) => ({ weight: 1, pipeline: pipeline(lin, lState(3, 1, false, s)) })), { estimator: lin, state: lState(2, 1, false, 5) });
    expect((await compare(rg)).diff).toBeLessThanOrEqual(1e-12);
  });

  it('refuses an estimator or a step without toOnnx, naming it (EXPORT_UNSUPPORTED)', () => {
    const opaque = model('binary', 'single', [{ weight: 1, pipeline: pipeline(noExport, lState(3, 2, true, 1)) }]);
    expect(() => exportModel(opaque)).toThrow(AutopipeError);
    expect(() => exportModel(opaque)).toThrow(/Cannot export estimator "opaque" to ONNX/);
    const p = pipeline(lin, lState(3, 2, true, 1));
    const badStep = model('binary', 'single', [{ weight: 1, pipeline: { ...p, steps: [{ ...p.steps[0], definition: { ...affine, key: 'fake.secret', toOnnx: undefined } }, p.steps[1]] } }]);
    const err = (() => { try { exportModel(badStep); return null; } catch (e) { return e as AutopipeError; } })();
    expect(err?.code).toBe('EXPORT_UNSUPPORTED');
    expect(err?.message).toContain('transformer "fake.secret"');
    const clash = { ...opaque, schema: [...schema, { name: 'label', type: 'numeric' as const }], members: model('binary', 'single', [{ weight: 1, pipeline: p }]).members };
    expect(() => exportModel(clash)).toThrow(/column "label".*rename the column/);
  });
});

describe('syntheticFrame and checkExport', () => {
  it('build rows with missing cells, unseen categories and known ones, and measure the export against predict', async () => {
    const m = model('binary', 'single', [{ weight: 1, pipeline: { ...pipeline(lin, lState(3, 2, true, 1)), steps: [{ definition: code, state: { levels: ['red', 'blue'] }, fitted: codeFitted }, pipeline(lin, lState(3, 2, true, 1)).steps[0]] } }]);
    const f = syntheticFrame(m, 8);
    expect(f.names).toEqual(['num', 'color', 'flag']);
    expect(f.strings('color')).toEqual(expect.arrayContaining(['red', 'blue', null, '__autopipe_unseen__']));
    expect(Array.from(f.numeric('num')).some(Number.isNaN)).toBe(true);
    const ok = await checkExport(m, exportModel(m), f);
    expect(ok).toMatchObject({ rows: 8, labelMismatches: 0 });
    expect(ok.maxAbsDiff).toBeLessThanOrEqual(1e-15);
    // A wrong export is caught: swap in another member's weights.
    const wrong = model('binary', 'single', [{ weight: 1, pipeline: pipeline(lin, lState(3, 2, true, 7)) }]);
    const bad = await checkExport(m, exportModel(wrong), f);
    expect(bad.maxAbsDiff).toBeGreaterThan(1e-3);
  });
});
