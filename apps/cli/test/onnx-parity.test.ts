import 'reflect-metadata';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { fitEstimator, type Frame, type Params, type Prediction, type Task } from '@autopipe/core';
import {
  ModelService, PluginHost, Registry, SingleFit, conformFrame, createRuntime, predictWith, readSource, saveTrainResult, stackFeatures,
  type FittedPredictor, type TrainResult,
} from '@autopipe/runtime';
import { BUNDLED_PLUGINS } from '../src/plugins.js';
import { cli, tempDir, titanic, wine } from './cli.js';

// End-to-end ONNX parity: models fitted by the runtime, saved, opened by ModelService, exported by the bundled `onnx`
// deployer, then run here with onnxruntime-node directly (not through @autopipe/onnx) on every row of the data and
// compared with ModelService.predict: probabilities within 1e-5, identical labels, values within 1e-6 relative.

const logger = { debug() {}, info() {}, warn() {} };
const c = createRuntime({ plugins: BUNDLED_PLUGINS, logger });
const registry = c.resolve(Registry);
const models = c.resolve(ModelService);
const root = tempDir('onnx');
const figures: string[] = [];
const stepsSeen = new Set<string>();
afterAll(() => { if (process.env.ONNX_PARITY_REPORT) process.stdout.write(`${figures.join('\n')}\nsteps: ${[...stepsSeen].sort().join(', ')}\n`); });

/** Small settings so the file stays well under a minute; the export paths are the same at any size. */
const QUICK: Record<string, Params> = {
  mlp: { hidden_layers: '16', max_epochs: 15 },
  random_forest: { n_estimators: 20 },
  extra_trees: { n_estimators: 20 },
  gbm: { n_estimators: 30 },
};

const data = {
  titanic: readSource(registry, titanic, {}, { seed: 1, logger }),
  wine: readSource(registry, wine, {}, { seed: 1, logger }),
};

interface Case { readonly name: string; readonly frame: Frame; readonly target: string; readonly task: Task; readonly ignore?: string[] }

async function fitOne(k: Case, estimator: string): Promise<TrainResult> {
  // Name is free text (TF-IDF), which ONNX export refuses; its refusal is tested in the CLI test below.
  return c.resolve(SingleFit).fit({ frame: k.frame, target: k.target, task: k.task, estimator, params: QUICK[estimator] ?? {}, seed: 3, ...(k.ignore ? { ignore: k.ignore } : {}) });
}

function save(name: string, r: TrainResult): string {
  const dir = join(root, name);
  saveTrainResult(dir, r, { plugins: c.resolve(PluginHost).plugins() });
  return dir;
}

/** Raw columns as ONNX feeds, exactly as documented: numeric/boolean double [N,1] (NaN = missing), others string [N,1] ("" = missing). */
function feeds(frame: Frame): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  for (const col of frame.columns()) {
    const n = frame.nrow;
    out[col.schema.name] = col.data instanceof Float64Array
      ? new ort.Tensor('float64', col.data, [n, 1])
      : new ort.Tensor('string', col.data.map((v) => v ?? ''), [n, 1]);
  }
  return out;
}

interface Parity { readonly maxAbsDiff: number; readonly maxRelDiff: number; readonly labelMismatches: number; readonly rows: number }

async function exportAndCompare(dir: string, frame: Frame): Promise<Parity> {
  const out = `${dir}.onnx`;
  const r = await registry.deployer('onnx').deploy(dir, { out }, { seed: 1, logger, open: (d) => models.open(d) });
  expect(r.location).toBe(out);
  for (const mem of models.open(dir).members) for (const s of mem.pipeline.steps) stepsSeen.add(s.definition.key);
  const model = models.load(dir);
  const m = model.manifest;
  const raw = conformFrame(frame, m.schema, logger, { ignore: [m.target, ...m.dropped.map((d) => d.column)] });
  const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(out)));
  const got = await session.run(feeds(raw));
  await session.release();
  const want: Prediction = models.predict(model, frame);
  let abs = 0;
  let rel = 0;
  const diff = (a: number, b: number) => {
    const d = Math.abs(a - b);
    abs = Math.max(abs, Number.isNaN(d) ? Infinity : d);
    rel = Math.max(rel, Number.isNaN(d) ? Infinity : d / Math.max(1, Math.abs(b)));
  };
  if (want.kind === 'regression') {
    const v = got.values.data as Float64Array;
    expect(v.length).toBe(want.values.length);
    want.values.forEach((w, i) => diff(v[i], w));
    return { maxAbsDiff: abs, maxRelDiff: rel, labelMismatches: 0, rows: frame.nrow };
  }
  const p = got.probabilities.data as Float64Array;
  expect(p.length).toBe(want.proba.length);
  want.proba.forEach((w, i) => diff(p[i], w));
  const labels = got.label.data as string[];
  const mismatches = Array.from(want.labels).filter((code, i) => labels[i] !== want.classes[code]).length;
  return { maxAbsDiff: abs, maxRelDiff: rel, labelMismatches: mismatches, rows: frame.nrow };
}

function expectParity(what: string, task: Task, r: Parity): void {
  figures.push(`${what}: max abs diff ${r.maxAbsDiff.toExponential(2)}, max rel diff ${r.maxRelDiff.toExponential(2)}, label mismatches ${r.labelMismatches} / ${r.rows}`);
  expect(r.labelMismatches, what).toBe(0);
  if (task === 'regression') expect(r.maxRelDiff, what).toBeLessThanOrEqual(1e-6);
  else expect(r.maxAbsDiff, what).toBeLessThanOrEqual(1e-5);
}

const CLASSIFIERS = ['logistic', 'gaussian_nb', 'multinomial_nb', 'mlp', 'knn', 'decision_tree', 'random_forest', 'extra_trees', 'gbm'];
const REGRESSORS = ['ridge', 'lasso', 'elastic_net', 'mlp', 'knn', 'decision_tree', 'random_forest', 'extra_trees', 'gbm'];

async function cases(): Promise<{ titanic: Case; wineClasses: Case; wineValues: Case }> {
  const [t, w] = await Promise.all([data.titanic, data.wine]);
  return {
    titanic: { name: 'titanic', frame: t, target: 'Survived', task: 'binary', ignore: ['Name'] },
    wineClasses: { name: 'wine-multiclass', frame: w, target: 'quality', task: 'multiclass' },
    wineValues: { name: 'wine-regression', frame: w, target: 'quality', task: 'regression' },
  };
}

describe('ONNX export reproduces ModelService.predict in onnxruntime-node, every exportable learner', () => {
  for (const [which, learners] of [['titanic', CLASSIFIERS], ['wineClasses', CLASSIFIERS], ['wineValues', REGRESSORS]] as const) {
    it(`${which}: ${learners.join(', ')}`, async () => {
      const k = (await cases())[which];
      for (const estimator of learners) {
        const r = await fitOne(k, estimator);
        expectParity(`${k.name} ${estimator}`, k.task, await exportAndCompare(save(`${k.name}-${estimator}`, r), k.frame));
      }
    });
  }
});

describe('ONNX export of ensembles', () => {
  /** Members fitted separately on the same data, combined as the trainer would (caruana weights or a stacked meta-learner). */
  async function ensemble(k: Case, keys: string[], method: 'caruana' | 'stacking', meta: string, temperature?: number): Promise<Parity> {
    const fits = await Promise.all(keys.map((e) => fitOne(k, e)));
    const pipelines = fits.map((f) => (f.final as Extract<FittedPredictor, { kind: 'pipeline' }>).pipeline);
    const weights = keys.map((_, i) => (i + 1) / ((keys.length * (keys.length + 1)) / 2));
    const members = pipelines.map((pipeline, i) => ({ trial: i + 1, weight: method === 'caruana' ? weights[i] : 1 / keys.length, pipeline }));
    let final: FittedPredictor = { kind: 'ensemble', method: 'caruana', members, ...(temperature !== undefined ? { temperature } : {}) };
    if (method === 'stacking') {
      const base = fits[0].data;
      const z = stackFeatures(members.map((m) => predictWith({ kind: 'pipeline', trial: m.trial, pipeline: m.pipeline }, base.frame)));
      const model = await fitEstimator(registry.estimator(meta), z, base.y, {}, { seed: 1, logger });
      final = { kind: 'ensemble', method: 'stacking', members, meta: { key: meta, model } };
    }
    const dir = save(`${k.name}-${method}${temperature ?? ''}`, { ...fits[0], final });
    expect(models.open(dir).combine).toBe(method);
    expect(models.open(dir).temperature).toBe(temperature);
    return exportAndCompare(dir, k.frame);
  }

  it('caruana and stacking on titanic (binary) and wine (multiclass and regression)', async () => {
    const { titanic: t, wineClasses, wineValues } = await cases();
    expectParity('titanic caruana (logistic, gbm, knn)', 'binary', await ensemble(t, ['logistic', 'gbm', 'knn'], 'caruana', ''));
    expectParity('titanic stacking (logistic, gbm, gaussian_nb → logistic)', 'binary', await ensemble(t, ['logistic', 'gbm', 'gaussian_nb'], 'stacking', 'logistic'));
    expectParity('wine multiclass stacking (logistic, random_forest → logistic)', 'multiclass', await ensemble(wineClasses, ['logistic', 'random_forest'], 'stacking', 'logistic'));
    expectParity('wine multiclass caruana with temperature 0.6 (logistic, gbm, knn)', 'multiclass', await ensemble(wineClasses, ['logistic', 'gbm', 'knn'], 'caruana', '', 0.6));
    expectParity('wine regression caruana (ridge, gbm)', 'regression', await ensemble(wineValues, ['ridge', 'gbm'], 'caruana', ''));
    expectParity('wine regression stacking (ridge, extra_trees, knn → ridge)', 'regression', await ensemble(wineValues, ['ridge', 'extra_trees', 'knn'], 'stacking', 'ridge'));
  });
});

describe('autopipe export (the CLI command)', () => {
  it('writes the file and reports the check; refuses a model with a text column (exit 1, names the step, writes nothing)', async () => {
    const { titanic: t } = await cases();
    const ok = save('cli-ok', await fitOne(t, 'logistic'));
    const out = join(root, 'cli-ok.onnx');
    const r = cli('export', ok, '--format', 'onnx', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ format: 'onnx', out, outputs: ['label', 'probabilities'] });
    expect(j.verified.maxAbsDiff).toBeLessThanOrEqual(1e-5);
    expect(j.inputs.map((i: { name: string }) => i.name)).not.toContain('Name');
    expect(readFileSync(out).byteLength).toBe(j.bytes);

    const withText = save('cli-text', await fitOne({ ...t, ignore: [] }, 'logistic'));
    const refused = join(root, 'cli-text.onnx');
    const e = cli('export', withText, '--out', refused);
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/Cannot export transformer "text\.tfidf" \(column "Name"\) to ONNX/);
    expect(existsSync(refused)).toBe(false);
    expect(readdirSync(root).filter((f) => f.startsWith('.cli-text'))).toEqual([]);

    const bad = cli('export', ok, '--format', 'pmml', '--out', join(root, 'x.pmml'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--format pmml is not an export format; use one of: onnx/);
  });
});

it('the learners above exercised the usual preprocessing steps', () => {
  for (const key of ['impute.numeric', 'encode.onehot', 'scale.standard']) expect([...stepsSeen]).toContain(key);
});
