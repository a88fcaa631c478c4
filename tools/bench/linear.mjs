#!/usr/bin/env node
// Linear learners, side by side in one run: autopipe's ridge / lasso / elastic_net / logistic vs scikit-learn's
// Ridge / Lasso / ElasticNet / LogisticRegression (lbfgs) with the same hyperparameters on the same matrix.
// The matrix is what the AutoML plan feeds these learners: numeric columns median-imputed and standardized,
// categorical columns one-hot encoded (built once by pandas, then read by both sides from one binary file).
//
//   node tools/bench/linear.mjs [--datasets california_housing,bike_sharing_hour,adult] [--rows 0] [--repeat 1]
//                               [--baseline path/to/other/estimator-linear/dist/index.js]
//
// --baseline also times another build of the package (e.g. an older commit) in the same run, for before/after.
//
// Needs `nx run @autopipe/estimator-linear:build` first and /usr/bin/python3 with scikit-learn and pandas.
// BLAS is pinned to one thread (autopipe fits on one). Timings on a shared machine are noisy: compare the
// rows of one run, not runs with each other. `coef diff` is max|w_autopipe − w_sklearn| / max|w_sklearn|.
// scikit-learn 1.2.1's lbfgs applies `tol` to the gradient of the summed loss, autopipe's `logistic` to the mean
// loss's, and scipy adds its own ftol = 2.2e-9: iteration counts differ even at the same hyperparameters.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchArgs } from './args.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (p) => join(root, p, 'dist', 'index.js');
if (!existsSync(dist('plugins/estimator-linear')) || !existsSync(dist('packages/core'))) {
  process.stderr.write('bench: build first: NX_DAEMON=false pnpm exec nx run @autopipe/estimator-linear:build --skipSync\n');
  process.exit(1);
}
const { createMatrix, fitEstimator } = await import(pathToFileURL(dist('packages/core')).href);
const { ridge, lasso, elasticNet, logistic } = await import(pathToFileURL(dist('plugins/estimator-linear')).href);

const { values: opt } = benchArgs(import.meta.url, { options: {
  datasets: { type: 'string', default: 'california_housing,bike_sharing_hour,adult' },
  rows: { type: 'string', default: '0' }, repeat: { type: 'string', default: '1' }, baseline: { type: 'string' },
} });
const repeat = Math.max(1, Number(opt.repeat));
const baseline = opt.baseline ? await import(pathToFileURL(opt.baseline).href) : null;

const TARGETS = { california_housing: 'median_house_value', bike_sharing_hour: 'cnt', adult: 'income' };
const DROP = { bike_sharing_hour: ['dteday'] };
const CD = { max_iter: 1000, tol: 1e-4 };
const REGRESSION = [
  { key: 'ridge', def: ridge, params: { alpha: 1 }, sk: 'Ridge(alpha=1)' },
  { key: 'lasso', def: lasso, params: { alpha: 0.01, ...CD }, sk: 'Lasso(alpha=0.01, max_iter=1000, tol=1e-4)' },
  { key: 'lasso', def: lasso, params: { alpha: 0.1, ...CD }, sk: 'Lasso(alpha=0.1, max_iter=1000, tol=1e-4)' },
  { key: 'lasso', def: lasso, params: { alpha: 1, ...CD }, sk: 'Lasso(alpha=1, max_iter=1000, tol=1e-4)' },
  { key: 'elastic_net', def: elasticNet, params: { alpha: 0.01, l1_ratio: 0.5, ...CD }, sk: 'ElasticNet(alpha=0.01, l1_ratio=0.5, max_iter=1000, tol=1e-4)' },
  { key: 'elastic_net', def: elasticNet, params: { alpha: 0.1, l1_ratio: 0.2, ...CD }, sk: 'ElasticNet(alpha=0.1, l1_ratio=0.2, max_iter=1000, tol=1e-4)' },
];
const CLASSIFICATION = [
  { key: 'logistic', def: logistic, params: { C: 1, max_iter: 200, tol: 1e-6 }, sk: "LogisticRegression(C=1, max_iter=200, tol=1e-6, solver='lbfgs')" },
  { key: 'logistic', def: logistic, params: { C: 0.1, max_iter: 200, tol: 1e-6 }, sk: "LogisticRegression(C=0.1, max_iter=200, tol=1e-6, solver='lbfgs')" },
];

const one = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
function python(code, args) {
  const r = spawnSync('/usr/bin/python3', ['-c', code, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...one } });
  if (r.status !== 0) {
    process.stderr.write(`bench: python failed:\n${r.stderr}\n`);
    process.exit(1);
  }
  return JSON.parse(r.stdout);
}

// Plan-like preprocessing, written column-major so autopipe reads it without a transpose.
const PREP = `
import json, sys, numpy as np, pandas as pd
csv, target, drop, rows, out = sys.argv[1], sys.argv[2], [d for d in sys.argv[3].split(',') if d], int(sys.argv[4]), sys.argv[5]
df = pd.read_csv(csv, skipinitialspace=True).drop(columns=drop)
if rows > 0: df = df.iloc[:rows]
y = df.pop(target)
num = df.select_dtypes('number')
num = num.fillna(num.median())
num = (num - num.mean()) / num.std(ddof=0).replace(0, 1)
obj = df.select_dtypes(exclude='number')
cat = pd.get_dummies(obj.astype(str)).astype(float) if obj.shape[1] else pd.DataFrame(index=df.index)
X = pd.concat([num, cat], axis=1).to_numpy(dtype=np.float64)
np.asfortranarray(X).T.tofile(out + '/x.bin')
if y.dtype.kind in 'if':
    y.to_numpy(dtype=np.float64).tofile(out + '/y.bin'); classes = None
else:
    classes = sorted(y.astype(str).unique()); np.searchsorted(classes, y.astype(str)).astype(np.int32).tofile(out + '/y.bin')
print(json.dumps({'rows': X.shape[0], 'cols': X.shape[1], 'numeric': num.shape[1], 'classes': classes}))
`;

// scikit-learn fits each configuration on the row-major matrix a pandas user would hand it.
const SKLEARN = `
import json, sys, time, numpy as np
from sklearn.linear_model import Ridge, Lasso, ElasticNet, LogisticRegression
out, rows, cols, specs, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4]), int(sys.argv[5])
X = np.ascontiguousarray(np.fromfile(out + '/x.bin').reshape(cols, rows).T)
res = []
for spec in specs:
    y = np.fromfile(out + '/y.bin', dtype=np.int32 if spec.startswith('Logistic') else np.float64)
    best = cpu = None
    for _ in range(repeat):
        m = eval(spec); t0 = time.perf_counter(); c0 = time.process_time(); m.fit(X, y)
        t = time.perf_counter() - t0; c = time.process_time() - c0
        best = t if best is None else min(best, t); cpu = c if cpu is None else min(cpu, c)
    n_iter = getattr(m, 'n_iter_', None)
    n_iter = int(np.max(n_iter)) if n_iter is not None else None
    res.append({'fit': best, 'cpu': cpu, 'coef': np.ravel(m.coef_).tolist(), 'intercept': float(np.ravel(m.intercept_)[0]), 'n_iter': n_iter})
print(json.dumps(res))
`;

const rowsOut = [];
for (const name of opt.datasets.split(',')) {
  const csv = join(root, 'tools/bench/out', name, 'train.csv');
  const dir = mkdtempSync(join(tmpdir(), 'linear-bench-'));
  const meta = python(PREP, [csv, TARGETS[name], (DROP[name] ?? []).join(','), opt.rows, dir]);
  const x = new Float64Array(readFileSync(join(dir, 'x.bin')).buffer.slice(0));
  const yBuf = readFileSync(join(dir, 'y.bin')).buffer.slice(0);
  const names = Array.from({ length: meta.cols }, (_, j) => `x${j}`);
  const m = createMatrix(meta.rows, names, x);
  const configs = meta.classes ? CLASSIFICATION : REGRESSION;
  const y = meta.classes
    ? { kind: 'classification', classes: meta.classes, codes: new Int32Array(yBuf) }
    : { kind: 'regression', values: new Float64Array(yBuf) };
  const sk = python(SKLEARN, [dir, String(meta.rows), String(meta.cols), JSON.stringify(configs.map((c) => c.sk)), String(repeat)]);
  rmSync(dir, { recursive: true, force: true });
  // Best wall-clock and best CPU time (user + system, robust to other processes on the machine) of `repeat` fits.
  const time = async (def, params) => {
    let wall = Infinity;
    let cpu = Infinity;
    let fields = {};
    let model;
    for (let r = 0; r < repeat; r++) {
      const logger = { debug: (_m, f) => { fields = f ?? {}; }, info() {}, warn() {} };
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      model = await fitEstimator(def, m, y, params, { seed: 1, logger });
      wall = Math.min(wall, (performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      cpu = Math.min(cpu, (c.user + c.system) / 1e6);
    }
    return { wall, cpu, fields, model };
  };
  for (const [i, c] of configs.entries()) {
    const before = baseline ? await time(baseline[c.def === elasticNet ? 'elasticNet' : c.key], c.params) : null;
    const { wall, cpu, fields, model } = await time(c.def, c.params);
    const coef = model.state().coef;
    const ref = sk[i].coef;
    let scale = 0;
    let diff = 0;
    for (let j = 0; j < ref.length; j++) {
      scale = Math.max(scale, Math.abs(ref[j]));
      diff = Math.max(diff, Math.abs(coef[j] - ref[j]));
    }
    const iters = fields.iterations === undefined ? '—' : fields.evaluations === undefined ? fields.iterations : `${fields.iterations} (${fields.evaluations} evals)`;
    const was = before ? `${before.wall.toFixed(3)} / ${before.cpu.toFixed(3)} | ` : '';
    rowsOut.push(`| ${name} | ${meta.rows}×${meta.cols} | ${c.sk} | ${was}${wall.toFixed(3)} / ${cpu.toFixed(3)} | ${iters} | ${sk[i].fit.toFixed(3)} / ${sk[i].cpu.toFixed(3)} | ${sk[i].n_iter ?? '—'} | ${(cpu / sk[i].cpu).toFixed(2)} | ${(diff / (scale || 1)).toExponential(1)} |`);
  }
}
console.log(`Linear learners, fit on plan-preprocessed data (standardized numeric, one-hot categorical), one thread, best of ${repeat}\n`);
const wasHead = baseline ? `baseline fit wall / cpu (s) | ` : '';
console.log(`| dataset | rows×cols | configuration | ${wasHead}autopipe fit wall / cpu (s) | autopipe iters | sklearn fit wall / cpu (s) | sklearn n_iter | cpu ratio | coef diff |`);
console.log(`| --- | --- | --- | ${baseline ? '---: | ' : ''}---: | ---: | ---: | ---: | ---: | ---: |`);
for (const r of rowsOut) console.log(r);
