#!/usr/bin/env node
// kNN speed, side by side in one run: autopipe's `knn` (KD-tree and blocked brute force) vs scikit-learn's
// KNeighborsClassifier (kd_tree and brute, n_jobs=1, BLAS pinned to one thread) on the same data:
// 50,000 × 8 standard-normal training points, 20,000 queries, binary labels, k = 5, Euclidean.
//
//   node tools/bench/knn.mjs [--train 50000] [--queries 20000] [--cols 8] [--k 5]
//
// Needs `nx run @autopipe/estimator-knn:build` first and /usr/bin/python3 with scikit-learn. Timings on a
// shared machine are noisy: compare the columns of one run, not runs with each other.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchArgs } from './args.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (p) => join(root, p, 'dist', 'index.js');
if (!existsSync(dist('plugins/estimator-knn')) || !existsSync(dist('packages/core'))) {
  process.stderr.write('bench: build first: NX_DAEMON=false pnpm exec nx run @autopipe/estimator-knn:build\n');
  process.exit(1);
}
const { createMatrix, defaultContext, fitEstimator, Rng } = await import(pathToFileURL(dist('packages/core')).href);
const { knn } = await import(pathToFileURL(dist('plugins/estimator-knn')).href);

const { values: opt } = benchArgs(import.meta.url, { options: {
  train: { type: 'string', default: '50000' }, queries: { type: 'string', default: '20000' },
  cols: { type: 'string', default: '8' }, k: { type: 'string', default: '5' },
} });
const [n, nq, d, k] = [opt.train, opt.queries, opt.cols, opt.k].map(Number);

// Column-major features; label = sign of a noisy linear score, so predictions are comparable across systems.
const rng = new Rng(7);
const names = Array.from({ length: d }, (_, j) => `x${j}`);
function features(rows) {
  const data = new Float64Array(rows * d);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return createMatrix(rows, names, data);
}
const x = features(n);
const q = features(nq);
const codes = new Int32Array(n);
for (let i = 0; i < n; i++) {
  let s = 0.5 * rng.normal();
  for (let j = 0; j < d; j++) s += (j % 2 ? -1 : 1) * x.data[j * n + i];
  codes[i] = s > 0 ? 1 : 0;
}
const y = { kind: 'classification', classes: ['0', '1'], codes };

const results = [];
const labels = {};
for (const algorithm of ['kd_tree', 'brute']) {
  const t0 = performance.now();
  const model = await fitEstimator(knn, x, y, { n_neighbors: k, algorithm }, defaultContext(1));
  const t1 = performance.now();
  const pred = model.predict(q);
  const t2 = performance.now();
  labels[algorithm] = pred.labels;
  results.push({ system: `autopipe knn ${algorithm}`, fit: (t1 - t0) / 1000, predict: (t2 - t1) / 1000 });
}

// scikit-learn reads the same numbers (row-major float64 files) and prints its timings and labels.
const dir = mkdtempSync(join(tmpdir(), 'knn-bench-'));
const rowMajor = (m) => {
  const out = new Float64Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out[i * m.cols + j] = m.data[j * m.rows + i];
  return Buffer.from(out.buffer);
};
writeFileSync(join(dir, 'x.bin'), rowMajor(x));
writeFileSync(join(dir, 'q.bin'), rowMajor(q));
writeFileSync(join(dir, 'y.bin'), Buffer.from(codes.buffer));
const py = `
import json, sys, time, numpy as np
from sklearn.neighbors import KNeighborsClassifier
d, k, dir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
X = np.fromfile(dir + '/x.bin').reshape(-1, d); Q = np.fromfile(dir + '/q.bin').reshape(-1, d); y = np.fromfile(dir + '/y.bin', dtype=np.int32)
out = []
for alg in ('kd_tree', 'brute'):
    t0 = time.perf_counter(); m = KNeighborsClassifier(n_neighbors=k, algorithm=alg, n_jobs=1).fit(X, y)
    t1 = time.perf_counter(); p = m.predict(Q); t2 = time.perf_counter()
    out.append({'system': 'scikit-learn ' + alg, 'fit': t1 - t0, 'predict': t2 - t1, 'labels': p.tolist()})
print(json.dumps(out))
`;
const one = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
const r = spawnSync('/usr/bin/python3', ['-c', py, String(d), String(k), dir], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...one } });
rmSync(dir, { recursive: true, force: true });
if (r.status !== 0) {
  process.stderr.write(`bench: scikit-learn run failed:\n${r.stderr}\n`);
  process.exit(1);
}
for (const s of JSON.parse(r.stdout)) {
  let same = 0;
  for (let i = 0; i < nq; i++) if (s.labels[i] === labels.kd_tree[i]) same++;
  results.push({ system: s.system, fit: s.fit, predict: s.predict, agree: same / nq });
}
let same = 0;
for (let i = 0; i < nq; i++) if (labels.brute[i] === labels.kd_tree[i]) same++;
results[1].agree = same / nq;

console.log(`kNN: ${n} × ${d} training points, ${nq} queries, k = ${k}, Euclidean, one thread\n`);
console.log('| system | fit (s) | predict (s) | total (s) | labels equal to autopipe kd_tree |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const s of results) {
  const agree = s.agree === undefined ? '—' : `${(100 * s.agree).toFixed(2)} %`;
  console.log(`| ${s.system} | ${s.fit.toFixed(3)} | ${s.predict.toFixed(3)} | ${(s.fit + s.predict).toFixed(3)} | ${agree} |`);
}
