#!/usr/bin/env node
// Random forest speed, side by side in one run: autopipe's `random_forest` vs scikit-learn's RandomForestClassifier
// (n_jobs=1 and 2) with the same hyperparameters on the same data (make_classification, seeded).
//
//   npm run build && node tools/bench/forest.mjs [--rows 100000] [--cols 20] [--trees 100] [--test 20000]
//
// Needs /usr/bin/python3 with scikit-learn. Prints a Markdown table: fit seconds, predict seconds, test accuracy.
// Timings on a shared machine are noisy; compare rows of one run, not runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PY = '/usr/bin/python3';
const { values: opt } = parseArgs({ options: {
  rows: { type: 'string', default: '100000' },
  cols: { type: 'string', default: '20' },
  trees: { type: 'string', default: '100' },
  test: { type: 'string', default: '20000' },
  seed: { type: 'string', default: '0' },
  'skip-sklearn': { type: 'boolean', default: false },
} });
const rows = Number(opt.rows);
const cols = Number(opt.cols);
const trees = Number(opt.trees);
const testRows = Number(opt.test);

function fail(msg) {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(1);
}
const dist = join(root, 'plugins', 'estimator-tree', 'dist', 'index.js');
if (!existsSync(dist)) fail('the tree plugin is not built: run "npm run build" first.');

// Python writes the data (column-major float64, int32 labels) and, unless skipped, times scikit-learn on it.
const dir = mkdtempSync(join(tmpdir(), 'forest-bench-'));
const py = `
import json, sys, time, numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
rows, cols, trees, test, seed, skip, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6] == '1', sys.argv[7]
X, y = make_classification(n_samples=rows + test, n_features=cols, n_informative=cols // 2, n_redundant=cols // 4, random_state=seed)
Xtr, ytr, Xte, yte = X[:rows], y[:rows], X[rows:], y[rows:]
np.asfortranarray(Xtr).ravel(order='F').astype('<f8').tofile(out + '/xtr.bin')
np.asfortranarray(Xte).ravel(order='F').astype('<f8').tofile(out + '/xte.bin')
ytr.astype('<i4').tofile(out + '/ytr.bin'); yte.astype('<i4').tofile(out + '/yte.bin')
res = []
if not skip:
    for jobs in (1, 2):
        m = RandomForestClassifier(n_estimators=trees, max_features='sqrt', bootstrap=True, min_samples_leaf=1, max_depth=None, criterion='gini', oob_score=True, n_jobs=jobs, random_state=seed)
        t0 = time.perf_counter(); m.fit(Xtr, ytr); fit = time.perf_counter() - t0
        t0 = time.perf_counter(); p = m.predict(Xte); pred = time.perf_counter() - t0
        res.append({'system': f'scikit-learn RandomForestClassifier (n_jobs={jobs})', 'fit': fit, 'predict': pred, 'acc': float((p == yte).mean()), 'oob': float(m.oob_score_)})
print(json.dumps(res))
`;
const r = spawnSync(PY, ['-c', py, String(rows), String(cols), String(trees), String(testRows), opt.seed, opt['skip-sklearn'] ? '1' : '0', dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
if (r.status !== 0) fail(`python failed (is scikit-learn installed?):\n${r.stderr}`);
const results = JSON.parse(r.stdout.trim().split('\n').pop());

const f64 = (name) => { const b = readFileSync(join(dir, name)); return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8).slice(); };
const i32 = (name) => { const b = readFileSync(join(dir, name)); return new Int32Array(b.buffer, b.byteOffset, b.byteLength / 4).slice(); };
const names = Array.from({ length: cols }, (_, j) => `x${j}`);
const xtr = { rows, cols, names, data: f64('xtr.bin') };
const xte = { rows: testRows, cols, names, data: f64('xte.bin') };
const ytr = { kind: 'classification', classes: ['0', '1'], codes: i32('ytr.bin') };
const yte = i32('yte.bin');
rmSync(dir, { recursive: true, force: true });

const { randomForest } = await import(pathToFileURL(dist).href);
const params = { ...randomForest.defaults, n_estimators: trees };
const ctx = { seed: Number(opt.seed), task: 'binary', logger: { debug() {}, info() {}, warn() {} } };
let t0 = performance.now();
const model = await randomForest.fit(xtr, ytr, params, ctx);
const fit = (performance.now() - t0) / 1000;
t0 = performance.now();
const pred = model.predict(xte);
const predict = (performance.now() - t0) / 1000;
let ok = 0;
for (let i = 0; i < testRows; i++) if (pred.labels[i] === yte[i]) ok++;
results.unshift({ system: 'autopipe random_forest (1 thread, 255 bins)', fit, predict, acc: ok / testRows, oob: model.oobScore });

console.log(`\nRandom forest, ${trees} trees, max_features=sqrt, bootstrap, fully grown; ${rows} × ${cols} train, ${testRows} test (make_classification, seed ${opt.seed})\n`);
console.log('| system | fit s | predict s | test accuracy | OOB accuracy |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const x of results) console.log(`| ${x.system} | ${x.fit.toFixed(2)} | ${x.predict.toFixed(3)} | ${x.acc.toFixed(4)} | ${x.oob == null ? '—' : x.oob.toFixed(4)} |`);
