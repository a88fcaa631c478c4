#!/usr/bin/env node
// Speed and quality of autopipe's `gbm` against scikit-learn HistGradientBoosting and XGBoost `hist`, side by side in
// one run, with the same hyperparameters (100 iterations, 31 leaves, 255 bins, learning rate 0.1, min 20 rows per
// leaf, no L2, no early stopping) on the same seeded 80/20 splits:
//   synth_binary, synth_regression  200,000 × 30, generated deterministically here
//   adult                           /work/shared/datasets/adult.csv (target income; categoricals as ordinal codes)
//   california                      /work/shared/datasets/california_housing.csv (target median_house_value)
//
//   npm run build && node tools/bench/gbm.mjs [--datasets synth_binary,adult] [--systems autopipe,autopipe2,hgb1,hgb2,xgb1,xgb2] [--repeat 3]
//     [--baseline DIR]
//
// autopipe2 fits with `n_threads: 2` (histograms built on the fitting thread and one worker thread; the model is
// bit-identical to the single-threaded one, so its quality columns must match autopipe's exactly).
// --baseline DIR adds systems base and base2: another build of the package (DIR holds its dist/index.js, e.g. the
// last commit compiled elsewhere), at 1 and 2 threads, so a change is compared with what it replaces in one run.
// autopipe_warm times a second fit in the same process (JIT-compiled code, as in a long search; its peak RSS
// covers both fits). Every system runs in a child process of its own, so peak RSS (Node: process.resourceUsage().maxRSS, Python:
// resource.getrusage) is per run; it includes the loaded data and the runtime itself. Timings are wall-clock on a
// shared machine: read them with that caveat. With --repeat N the table shows each figure's minimum over N runs;
// "fit CPU s" (process CPU time during fit, all threads) is steadier under load for the single-threaded runs. The last
// columns give every run's figures and autopipe's phase timestamps (binning, waiting for workers, boosting; see
// logPhases). Prints a Markdown table and writes tools/bench/out/gbm.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchArgs } from './args.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = process.env.AUTOPIPE_SHARED ?? '/work/shared';
const outDir = join(root, 'tools', 'bench', 'out');
const dataDir = join(outDir, 'gbm-data');
const PY = '/usr/bin/python3';
const PARAMS = { n_estimators: 100, learning_rate: 0.1, max_leaves: 31, max_bins: 255, min_samples_leaf: 20, l2: 0, early_stopping: 'false' };

function fail(msg) {
  process.stderr.write(`bench gbm: ${msg}\n`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------------------------
// Worker mode: one autopipe run in this process, result as JSON on stdout.
if (process.argv[2] === '--worker') {
  const [, , , name, mode, threads, dist] = process.argv;
  const params = { ...PARAMS, n_threads: Number(threads ?? 1) };
  const core = await import(pathToFileURL(join(root, 'packages/core/dist/index.js')).href);
  const { gbm } = await import(pathToFileURL(join(dist ?? join(root, 'plugins/estimator-gbm/dist'), 'index.js')).href);
  const meta = JSON.parse(readFileSync(join(dataDir, `${name}.json`), 'utf8'));
  const buf = readFileSync(join(dataDir, `${name}.bin`));
  const all = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
  const { cols, trainRows: n, testRows: m, task } = meta;
  let at = 0;
  const take = (len) => all.slice(at, (at += len));
  const xTrain = core.createMatrix(n, meta.names, take(n * cols));
  const yTrain = take(n);
  const xTest = core.createMatrix(m, meta.names, take(m * cols));
  const yTest = take(m);
  const target = task === 'binary'
    ? { kind: 'classification', classes: ['0', '1'], codes: Int32Array.from(yTrain) }
    : { kind: 'regression', values: yTrain };
  // "warm": one fit and predict first, so the timed ones run JIT-compiled, as every fit after the first does in a
  // long AutoML search.
  // The fit's phase timestamps (see logPhases in the package), from its debug log.
  let phases;
  const ctx = { ...core.defaultContext(0), logger: { ...core.silentLogger, debug: (m, f) => { if (m === 'gbm phases') phases = f; } } };
  if (mode === 'warm') (await core.fitEstimator(gbm, xTrain, target, params, ctx)).predict(xTest);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const model = await core.fitEstimator(gbm, xTrain, target, params, ctx);
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  const pred = model.predict(xTest);
  const t2 = performance.now();
  const metrics = pred.kind === 'classification' ? classMetrics(pred, yTest) : { rmse: rmse(pred.values, yTest) };
  process.stdout.write(JSON.stringify({ fit: (t1 - t0) / 1000, fitCpu: (c1.user + c1.system) / 1e6, predict: (t2 - t1) / 1000, rssMB: process.resourceUsage().maxRSS / 1024, phases, ...metrics }));
  process.exit(0);
}

function classMetrics(pred, y) {
  const m = y.length;
  const p = Float64Array.from({ length: m }, (_, i) => pred.proba[i * 2 + 1]);
  let ok = 0;
  for (let i = 0; i < m; i++) if (pred.labels[i] === y[i]) ok++;
  return { auc: auc(p, y), accuracy: ok / m };
}

/** Rank-sum AUC with tied scores sharing their average rank. */
function auc(score, y) {
  const idx = Array.from(score.keys()).sort((a, b) => score[a] - score[b]);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j < idx.length && score[idx[j]] === score[idx[i]]) j++;
    const avg = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (y[idx[k]] === 1) { pos++; rankSum += avg; }
    i = j;
  }
  const neg = y.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

function rmse(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / a.length);
}

// ---------------------------------------------------------------------------------------------------------------
// Data preparation: every system reads the same numbers (CSV for Python, the same values as float64 for Node).

/** mulberry32: a tiny deterministic PRNG, so the synthetic data is the same on every machine. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return { next, normal };
}

/** 200,000 × 30: smooth, threshold and interaction effects on 12 features, 18 noise features, 2% missing in four. */
function synthetic(kind) {
  const rows = 200_000;
  const cols = 30;
  const r = prng(kind === 'binary' ? 1 : 2);
  const x = Array.from({ length: cols }, () => new Float64Array(rows));
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) x[j][i] = j % 3 === 2 ? Math.floor(r.next() * 10) : r.normal();
    const f = Math.sin(x[0][i]) * 2 + x[1][i] * x[3][i] + (x[2][i] > 4 ? 1.5 : -0.5) + Math.abs(x[4][i]) - 0.8
      + 0.5 * x[5][i] * (x[8][i] > 6 ? 1 : -1) + 0.3 * x[6][i] ** 2 - 0.3 + 0.4 * x[7][i] - 0.2 * x[9][i] * x[10][i] + 0.1 * x[11][i];
    y[i] = kind === 'binary' ? (r.next() < 1 / (1 + Math.exp(-f)) ? 1 : 0) : f * 10 + r.normal() * 3;
    for (const j of [1, 5, 12, 20]) if (r.next() < 0.02) x[j][i] = NaN;
  }
  return { names: x.map((_, j) => `f${j}`), x, y, task: kind };
}

/** A CSV as numeric columns: numbers stay numbers, other columns become ordinal codes of their sorted values. */
function readCsv(file, target, positive) {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const cells = lines.slice(1).map((l) => l.split(','));
  const cols = header.map((_, j) => cells.map((row) => row[j].trim()));
  const numeric = cols.map((c) => c.every((v) => v === '' || Number.isFinite(Number(v))));
  const out = cols.map((c, j) => {
    if (numeric[j]) return Float64Array.from(c, (v) => (v === '' ? NaN : Number(v)));
    const levels = [...new Set(c.filter((v) => v !== '' && v !== '?'))].sort();
    const code = new Map(levels.map((v, i) => [v, i]));
    return Float64Array.from(c, (v) => code.get(v) ?? NaN);
  });
  const t = header.indexOf(target);
  const y = positive === undefined ? out[t] : Float64Array.from(cols[t], (v) => (v === positive ? 1 : 0));
  const keep = header.map((_, j) => j).filter((j) => j !== t);
  return { names: keep.map((j) => header[j]), x: keep.map((j) => out[j]), y, task: positive === undefined ? 'regression' : 'binary' };
}

/** Seeded 80/20 split of a dataset's rows; writes `<name>_{train,test}.csv` and `<name>.{bin,json}`. */
function writeDataset(name, ds) {
  const rows = ds.y.length;
  const r = prng(42);
  const order = Array.from({ length: rows }, (_, i) => i);
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const cut = Math.round(rows * 0.8);
  const parts = [order.slice(0, cut).sort((a, b) => a - b), order.slice(cut).sort((a, b) => a - b)];
  const cols = ds.x.length;
  const chunks = [];
  parts.forEach((idx, p) => {
    const lines = [[...ds.names.map((_, j) => `f${j}`), 'y'].join(',')];
    for (const i of idx) lines.push([...ds.x.map((c) => (Number.isNaN(c[i]) ? '' : String(c[i]))), String(ds.y[i])].join(','));
    writeFileSync(join(dataDir, `${name}_${p ? 'test' : 'train'}.csv`), `${lines.join('\n')}\n`);
    for (const c of ds.x) chunks.push(Float64Array.from(idx, (i) => c[i]));
    chunks.push(Float64Array.from(idx, (i) => ds.y[i]));
  });
  const total = chunks.reduce((s, c) => s + c.length, 0);
  const bin = new Float64Array(total);
  let at = 0;
  for (const c of chunks) { bin.set(c, at); at += c.length; }
  writeFileSync(join(dataDir, `${name}.bin`), new Uint8Array(bin.buffer));
  writeFileSync(join(dataDir, `${name}.json`), JSON.stringify({ names: ds.names, cols, trainRows: parts[0].length, testRows: parts[1].length, task: ds.task }));
}

// ---------------------------------------------------------------------------------------------------------------
// Python references: one run per process; threads are fixed through OMP_NUM_THREADS (sklearn) and nthread (xgb).
const PY_RUN = String.raw`
import json, resource, sys, time
import numpy as np, pandas as pd
from sklearn.metrics import roc_auc_score, accuracy_score, mean_squared_error
name, system, threads, task, data = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
tr = pd.read_csv(f"{data}/{name}_train.csv"); te = pd.read_csv(f"{data}/{name}_test.csv")
Xtr, ytr = tr.drop(columns="y").to_numpy(np.float64), tr["y"].to_numpy()
Xte, yte = te.drop(columns="y").to_numpy(np.float64), te["y"].to_numpy()
if system == "hgb":
    from sklearn.ensemble import HistGradientBoostingClassifier as C, HistGradientBoostingRegressor as R
    kw = dict(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, max_bins=255, min_samples_leaf=20, l2_regularization=0.0, early_stopping=False, random_state=0)
    model = C(**kw) if task == "binary" else R(**kw)
else:
    import xgboost as xgb
    kw = dict(n_estimators=100, learning_rate=0.1, tree_method="hist", grow_policy="lossguide", max_leaves=31, max_depth=0, max_bin=255, min_child_weight=1e-3, reg_lambda=0.0, nthread=threads, random_state=0)
    model = xgb.XGBClassifier(**kw) if task == "binary" else xgb.XGBRegressor(**kw)
c0 = time.process_time(); t0 = time.perf_counter(); model.fit(Xtr, ytr); t1 = time.perf_counter(); c1 = time.process_time()
out = model.predict_proba(Xte)[:, 1] if task == "binary" else model.predict(Xte)
t2 = time.perf_counter()
res = dict(fit=t1 - t0, fitCpu=c1 - c0, predict=t2 - t1, rssMB=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
if task == "binary":
    res.update(auc=roc_auc_score(yte, out), accuracy=accuracy_score(yte, (out > 0.5).astype(int)))
else:
    res.update(rmse=float(np.sqrt(mean_squared_error(yte, out))))
print(json.dumps(res))
`;

const SYSTEMS = {
  autopipe: { label: 'autopipe gbm (1 thread)', run: (name) => [process.execPath, [fileURLToPath(import.meta.url), '--worker', name], {}] },
  autopipe_warm: { label: 'autopipe gbm (1 thread, warm JIT)', run: (name) => [process.execPath, [fileURLToPath(import.meta.url), '--worker', name, 'warm'], {}] },
  autopipe2: { label: 'autopipe gbm (2 threads)', run: (name) => [process.execPath, [fileURLToPath(import.meta.url), '--worker', name, 'cold', '2'], {}] },
  autopipe2_warm: { label: 'autopipe gbm (2 threads, warm JIT)', run: (name) => [process.execPath, [fileURLToPath(import.meta.url), '--worker', name, 'warm', '2'], {}] },
  hgb1: { label: 'sklearn HGB (1 thread)', run: (name, task) => [PY, ['-c', PY_RUN, name, 'hgb', '1', task, dataDir], { OMP_NUM_THREADS: '1' }] },
  hgb2: { label: 'sklearn HGB (2 threads)', run: (name, task) => [PY, ['-c', PY_RUN, name, 'hgb', '2', task, dataDir], { OMP_NUM_THREADS: '2' }] },
  xgb1: { label: 'XGBoost hist (1 thread)', run: (name, task) => [PY, ['-c', PY_RUN, name, 'xgb', '1', task, dataDir], { OMP_NUM_THREADS: '1' }] },
  xgb2: { label: 'XGBoost hist (2 threads)', run: (name, task) => [PY, ['-c', PY_RUN, name, 'xgb', '2', task, dataDir], { OMP_NUM_THREADS: '2' }] },
};

function addBaseline(dir) {
  const dist = join(dir, 'dist');
  if (!existsSync(join(dist, 'index.js'))) fail(`--baseline ${dir}: no dist/index.js there`);
  SYSTEMS.base = { label: 'autopipe gbm before (1 thread)', run: (name) => [process.execPath, [fileURLToPath(import.meta.url), '--worker', name, 'cold', '1', dist], {}] };
  SYSTEMS.base2 = { label: 'autopipe gbm before (2 threads)', run: (name) => [process.execPath, [fileURLToPath(import.meta.url), '--worker', name, 'cold', '2', dist], {}] };
}

const DATASETS = {
  synth_binary: () => synthetic('binary'),
  synth_regression: () => synthetic('regression'),
  adult: () => readCsv(join(shared, 'datasets', 'adult.csv'), 'income', '>50K'),
  california: () => readCsv(join(shared, 'datasets', 'california_housing.csv'), 'median_house_value'),
};

const { values: opt } = benchArgs(import.meta.url, { options: {
  datasets: { type: 'string', default: Object.keys(DATASETS).join(',') },
  systems: { type: 'string', default: Object.keys(SYSTEMS).join(',') },
  // Runs per system; the table shows the fastest (least disturbed) run, as timeit does.
  repeat: { type: 'string', default: '1' },
  baseline: { type: 'string' },
} });
if (opt.baseline) addBaseline(opt.baseline);

if (!existsSync(join(shared, 'datasets'))) fail(`${shared}/datasets is absent: this benchmark needs the shared datasets (set AUTOPIPE_SHARED to the folder holding datasets/).`);
if (spawnSync(PY, ['-c', 'import sklearn, pandas, xgboost']).status !== 0) fail('the Python references are missing: apt-get install python3-sklearn python3-xgboost python3-pandas');
if (!existsSync(join(root, 'plugins/estimator-gbm/dist/index.js'))) fail('autopipe is not built: run "npm run build" first.');
mkdirSync(dataDir, { recursive: true });

const results = [];
for (const name of opt.datasets.split(',')) {
  if (!DATASETS[name]) fail(`unknown dataset "${name}" (known: ${Object.keys(DATASETS).join(', ')})`);
  if (!existsSync(join(dataDir, `${name}.json`))) writeDataset(name, DATASETS[name]());
  const meta = JSON.parse(readFileSync(join(dataDir, `${name}.json`), 'utf8'));
  for (const key of opt.systems.split(',')) {
    const sys = SYSTEMS[key];
    if (!sys) fail(`unknown system "${key}" (known: ${Object.keys(SYSTEMS).join(', ')})`);
    const [cmd, args, env] = sys.run(name, meta.task);
    const runs = [];
    for (let k = 0; k < Number(opt.repeat); k++) {
      const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 24 });
      if (r.status !== 0) fail(`${sys.label} on ${name} failed:\n${r.stderr}`);
      runs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
      process.stderr.write(`${name} / ${sys.label}: fit ${runs[k].fit.toFixed(2)}s\n`);
    }
    const min = (key) => Math.min(...runs.map((r) => r[key]));
    const res = { ...runs[0], fit: min('fit'), fitCpu: min('fitCpu'), predict: min('predict'), rssMB: min('rssMB'), runs };
    results.push({ dataset: name, rows: `${meta.trainRows}+${meta.testRows}`, cols: meta.cols, system: sys.label, ...res });
  }
}

const f = (v, d) => (v === undefined ? '' : v.toFixed(d));
const everyRun = (runs) => runs.map((r) => `${f(r.fit, 2)} (${f(r.fitCpu, 2)}) / ${f(r.predict, 3)}`).join(', ');
const phaseText = (p) => (p ? Object.entries(p).filter(([k]) => k !== 'threads').map(([k, v]) => `${k} ${v}`).join(', ') : '');
const lines = [
  '| dataset | rows (train+test) × cols | system | fit s | fit CPU s | predict s | peak RSS MB | AUC | accuracy | RMSE | every run: fit s (CPU s) / predict s | phases ms, first run |',
  '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ...results.map((r) => `| ${r.dataset} | ${r.rows} × ${r.cols} | ${r.system} | ${f(r.fit, 2)} | ${f(r.fitCpu, 2)} | ${f(r.predict, 3)} | ${f(r.rssMB, 0)} | ${f(r.auc, 4)} | ${f(r.accuracy, 4)} | ${f(r.rmse, 4)} | ${everyRun(r.runs)} | ${phaseText(r.phases)} |`),
];
console.log(lines.join('\n'));
writeFileSync(join(outDir, 'gbm.json'), JSON.stringify({ params: PARAMS, results }, null, 2));
