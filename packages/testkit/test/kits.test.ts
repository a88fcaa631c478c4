// The kits run green on small correct implementations, and each declared expected failure really fails
// (an `it.fails` case passes only when its check throws), which shows the checks can catch a broken plugin.
import {
  AutopipeError, Frame, Rng, classPrediction, sampleParams,
  type DeployerDefinition, type EstimatorDefinition, type FittedModel, type Matrix, type SearcherDefinition, type StateValue, type TransformerDefinition,
} from '@autopipe/core';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeDeployer, describeEstimator, describeSearcher, describeTransformer } from '../src/index.js';

interface KnnState { x: Float64Array; rows: number; cols: number; y: Float64Array; classes: string[] }

let calls = 0;

function knnModel(s: KnnState, k: number, noisy = false): FittedModel {
  return {
    estimator: 'knn',
    state: () => ({ ...s, k } as unknown as StateValue),
    predict(q: Matrix) {
      calls++;
      const kc = s.classes.length;
      const out = new Float64Array(q.rows * Math.max(kc, 1));
      const d = new Float64Array(s.rows);
      for (let i = 0; i < q.rows; i++) {
        for (let r = 0; r < s.rows; r++) {
          let acc = 0;
          for (let j = 0; j < s.cols; j++) acc += (q.data[j * q.rows + i] - s.x[j * s.rows + r]) ** 2;
          d[r] = acc;
        }
        const idx = Array.from(d.keys()).sort((a, b) => d[a] - d[b] || a - b).slice(0, k);
        if (kc) for (const r of idx) out[i * kc + s.y[r]] += 1 / k;
        else out[i] = idx.reduce((a, r) => a + s.y[r], 0) / k + (noisy ? calls * 1e-9 : 0);
      }
      return kc ? classPrediction(s.classes, out) : { kind: 'regression', values: out };
    },
  };
}

const knn = (key: string, noisy = false): EstimatorDefinition<{ k: number }> => ({
  kind: 'estimator', key, description: 'k nearest neighbours (test)', tasks: noisy ? ['regression'] : ['binary', 'multiclass', 'regression'],
  capabilities: [], defaults: { k: 5 }, space: { k: { kind: 'int', low: 1, high: 9 } },
  fit(x, y, p) {
    const yy = y.kind === 'classification' ? Float64Array.from(y.codes) : y.values.slice();
    return knnModel({ x: x.data.slice(), rows: x.rows, cols: x.cols, y: yy, classes: y.kind === 'classification' ? [...y.classes] : [] }, p.k, noisy);
  },
  restore(st) {
    const s = st as unknown as KnnState & { k: number };
    return knnModel(s, s.k, noisy);
  },
});

describeEstimator(knn('knn'), { rows: 120 });
describeEstimator(knn('knn-noisy', true), {
  rows: 120,
  expectedFailures: {
    'same seed gives same predictions': 'predictions drift with every call',
    'predict on a subset equals that subset of predict': 'predictions drift with every call',
    'serialize/restore gives identical predictions': 'predictions drift with every call',
  },
});

const negate = (key: string, ignoresMissing = false): TransformerDefinition => {
  const make = (cols: readonly string[]) => ({
    transformer: key, inputs: cols, outputs: cols.map((name) => ({ name, type: 'numeric' as const })),
    transform: (f: Frame) => f.with(cols.map((name) => {
      const src = f.numeric(name);
      if (ignoresMissing && src.some((v) => v > 1e6)) throw new Error('value outside the training range');
      return { schema: { name, type: 'numeric' as const }, data: src.map((v) => -v) };
    })),
    state: () => ({ cols: [...cols] }),
  });
  return { kind: 'transformer', key, description: 'negates', accepts: ['numeric'], defaults: {}, fit: (_f, cols) => make(cols), restore: (s) => make((s as { cols: string[] }).cols) };
};

describeTransformer(negate('negate'));
describeTransformer(negate('negate-fragile', true), {
  columns: ['num2'],
  expectedFailures: { 'unseen values and missing cells do not throw': 'throws on values outside the training range' },
});

let clock = 0;
const randomSearch = (key: string, ignoreSeed = false): SearcherDefinition => ({
  kind: 'searcher', key, description: 'random (test)',
  create(domain, { seed }) {
    const rng = new Rng(ignoreSeed ? ++clock : seed);
    return {
      ask: () => {
        const e = domain.estimators[rng.int(domain.estimators.length)];
        return { estimator: e.key, params: sampleParams(e.defaults, e.space, rng) };
      },
      tell() {},
    };
  },
});

describeSearcher(randomSearch('plain'));
describeSearcher(randomSearch('unseeded', true), { expectedFailures: { 'same seed gives same asks': 'seeds from a counter, not the given seed' } });
// A multi-fidelity searcher whose lowest rung rounds to nothing: a fidelity of 0 fits on no rows.
const zeroFidelity: SearcherDefinition = {
  ...randomSearch('zero-fidelity'),
  create(domain, options) {
    const inner = randomSearch('zero-fidelity').create(domain, options);
    let n = 0;
    return { ask: () => ({ ...inner.ask()!, fidelity: n++ % 2 === 0 ? 0 : 1 / 3 }), tell() {} };
  },
};
describeSearcher(zeroFidelity, { expectedFailures: { 'fidelity, when given, is in (0, 1]': 'asks fidelity 0 every other trial' } });

const copyDeployer = (key: string, mutates = false): DeployerDefinition => ({
  kind: 'deployer', key, description: 'copies the model directory (test)',
  async deploy(modelDir, options) {
    if (!existsSync(modelDir)) throw new AutopipeError('MODEL_NOT_FOUND', `no model at ${modelDir}`);
    const to = join(String(options.to), 'model');
    mkdirSync(to, { recursive: true });
    for (const f of readdirSync(modelDir)) copyFileSync(join(modelDir, f), join(to, f));
    if (mutates) writeFileSync(join(modelDir, 'deployed.txt'), 'yes');
    return { location: to };
  },
});

describeDeployer(copyDeployer('copy'), { options: (scratch) => ({ to: scratch }) });
describeDeployer(copyDeployer('copy-mutating', true), {
  options: (scratch) => ({ to: scratch }),
  expectedFailures: { 'leaves the model directory unchanged': 'writes a marker file into the model directory' },
});
