#!/usr/bin/env node
// Random forest and extra trees speed, side by side in one run: autopipe's `random_forest` / `extra_trees` vs
// scikit-learn's RandomForest* / ExtraTrees* (n_jobs=1 and 2) with the same hyperparameters on the same data.
// Defaults on both sides: 100 fully grown trees, min_samples_leaf 1, max_features √p (classification) or p
// (regression), bootstrap for random forests only (with the out-of-bag score), none for extra trees.
//
//   npm run build && node tools/bench/forest.mjs [--data synthetic,adult,california] [--estimators random_forest,extra_trees]
//        [--repeat 1] [--rows 100000] [--cols 20] [--trees 100] [--test 20000] [--skip-sklearn] [--baseline DIR]
//
// --baseline DIR adds rows for the (built) estimator-tree plugin of another checkout, e.g. a copy of an older commit,
// so that before/after timings come from one run.
// Data: `synthetic` is make_classification (rows × cols, seeded); `adult` and `california` come from
// /work/shared/datasets (set AUTOPIPE_SHARED to move it), split 80/20 with a fixed seed, categoricals as ordinal
// codes and missing values as -1 (scikit-learn 1.2's forests reject NaN), so both sides fit the same matrix.
// Needs /usr/bin/python3 with scikit-learn and pandas. Prints a Markdown table: fit seconds (wall and process CPU),
// predict seconds, test accuracy or RMSE, OOB score. With --repeat N each figure is the minimum over N runs.
// Timings on a shared 2-core machine are noisy: compare rows of one run, and prefer the CPU column under load.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchArgs } from './args.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = process.env.AUTOPIPE_SHARED ?? '/work/shared';
const PY = '/usr/bin/python3';
const { values: opt } = benchArgs(import.meta.url, { options: {
  data: { type: 'string', default: 'synthetic' },
  estimators: { type: 'string', default: 'random_forest' },
  repeat: { type: 'string', default: '1' },
  rows: { type: 'string', default: '100000' },
  cols: { type: 'string', default: '20' },
  trees: { type: 'string', default: '100' },
  test: { type: 'string', default: '20000' },
  seed: { type: 'string', default: '0' },
  'skip-sklearn': { type: 'boolean', default: false },
  baseline: { type: 'string' },
} });
const trees = Number(opt.trees);
const repeat = Math.max(1, Number(opt.repeat));

function fail(msg) {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(1);
}
const dist = join(root, 'plugins', 'estimator-tree', 'dist', 'index.js');
if (!existsSync(dist)) fail('the tree plugin is not built: run "npm run build" first.');

// Python writes the data (column-major float64, labels as int32 or float64) and, unless skipped, times scikit-learn on it.
const PY_RUN = String.raw`
import json, sys, time, numpy as np
name, rows, cols, test, seed, trees, ests, skip, repeat, shared, out = sys.argv[1:12]
rows, cols, test, seed, trees, repeat = int(rows), int(cols), int(test), int(seed), int(trees), int(repeat)
from sklearn.model_selection import train_test_split
if name == 'synthetic':
    from sklearn.datasets import make_classification
    X, y = make_classification(n_samples=rows + test, n_features=cols, n_informative=cols // 2, n_redundant=cols // 4, random_state=seed)
    Xtr, ytr, Xte, yte = X[:rows], y[:rows], X[rows:], y[rows:]
    task = 'binary'
else:
    import pandas as pd
    target, positive = {'adult': ('income', '>50K'), 'california': ('median_house_value', None)}[name]
    d = pd.read_csv(f"{shared}/datasets/{'california_housing' if name == 'california' else name}.csv")
    y = d.pop(target)
    for c in d.columns:
        if d[c].dtype == object: d[c] = d[c].astype('category').cat.codes.replace(-1, np.nan)
    X = d.fillna(-1).to_numpy(np.float64)
    task = 'regression' if positive is None else 'binary'
    y = y.to_numpy(np.float64) if positive is None else (y.astype(str).str.strip() == positive).to_numpy().astype(np.int32)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, random_state=seed)
np.asfortranarray(Xtr).ravel(order='F').astype('<f8').tofile(out + '/xtr.bin')
np.asfortranarray(Xte).ravel(order='F').astype('<f8').tofile(out + '/xte.bin')
ytype = '<i4' if task == 'binary' else '<f8'
ytr.astype(ytype).tofile(out + '/ytr.bin'); yte.astype(ytype).tofile(out + '/yte.bin')
res = []
if skip != '1':
    from sklearn import ensemble as E
    for est in ests.split(','):
        kind = ('RandomForest' if est == 'random_forest' else 'ExtraTrees') + ('Classifier' if task == 'binary' else 'Regressor')
        for jobs in (1, 2):
            best = None
            for _ in range(repeat):
                kw = dict(n_estimators=trees, min_samples_leaf=1, max_depth=None, n_jobs=jobs, random_state=seed)
                kw['max_features'] = 'sqrt' if task == 'binary' else 1.0
                if est == 'random_forest': kw.update(bootstrap=True, oob_score=True)
                m = getattr(E, kind)(**kw)
                c0 = time.process_time(); t0 = time.perf_counter(); m.fit(Xtr, ytr); fit = time.perf_counter() - t0; cpu = time.process_time() - c0
                t0 = time.perf_counter(); p = m.predict(Xte); pred = time.perf_counter() - t0
                score = float((p == yte).mean()) if task == 'binary' else float(np.sqrt(((p - yte) ** 2).mean()))
                r = {'system': f'scikit-learn {kind} (n_jobs={jobs})', 'fit': fit, 'cpu': cpu, 'predict': pred, 'score': score, 'oob': float(m.oob_score_) if est == 'random_forest' else None}
                best = r if best is None else {**r, 'fit': min(best['fit'], fit), 'cpu': min(best['cpu'], cpu), 'predict': min(best['predict'], pred)}
            res.append(best)
print(json.dumps({'task': task, 'rows': len(ytr), 'test': len(yte), 'cols': Xtr.shape[1], 'results': res}))
`;

const load = async (path, label) => {
  const m = await import(pathToFileURL(path).href);
  return { label, random_forest: m.randomForest, extra_trees: m.extraTrees };
};
const builds = [await load(dist, 'autopipe')];
if (opt.baseline) {
  const other = join(opt.baseline, 'plugins', 'estimator-tree', 'dist', 'index.js');
  if (!existsSync(other)) fail(`no built tree plugin at ${other}`);
  builds.push(await load(other, 'autopipe baseline'));
}
const estimators = opt.estimators.split(',');
for (const e of estimators) if (e !== 'random_forest' && e !== 'extra_trees') fail(`unknown estimator "${e}" (random_forest, extra_trees)`);

for (const name of opt.data.split(',')) {
  if (name !== 'synthetic' && !existsSync(join(shared, 'datasets'))) fail(`${shared}/datasets is absent (set AUTOPIPE_SHARED).`);
  const dir = mkdtempSync(join(tmpdir(), 'forest-bench-'));
  const args = [name, opt.rows, opt.cols, opt.test, opt.seed, String(trees), estimators.join(','), opt['skip-sklearn'] ? '1' : '0', String(repeat), shared, dir];
  const r = spawnSync(PY, ['-c', PY_RUN, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, OMP_NUM_THREADS: '1' } });
  if (r.status !== 0) fail(`python failed (are scikit-learn and pandas installed?):\n${r.stderr}`);
  const meta = JSON.parse(r.stdout.trim().split('\n').pop());
  const f64 = (f) => { const b = readFileSync(join(dir, f)); return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8).slice(); };
  const i32 = (f) => { const b = readFileSync(join(dir, f)); return new Int32Array(b.buffer, b.byteOffset, b.byteLength / 4).slice(); };
  const names = Array.from({ length: meta.cols }, (_, j) => `x${j}`);
  const xtr = { rows: meta.rows, cols: meta.cols, names, data: f64('xtr.bin') };
  const xte = { rows: meta.test, cols: meta.cols, names, data: f64('xte.bin') };
  const binary = meta.task === 'binary';
  const ytr = binary ? { kind: 'classification', classes: ['0', '1'], codes: i32('ytr.bin') } : { kind: 'regression', values: f64('ytr.bin') };
  const yte = binary ? i32('yte.bin') : f64('yte.bin');
  rmSync(dir, { recursive: true, force: true });

  const results = [];
  for (const key of estimators) for (const build of builds) {
    const est = build[key];
    const params = { ...est.defaults, n_estimators: trees };
    let best = null;
    for (let k = 0; k < repeat; k++) {
      const ctx = { seed: Number(opt.seed), task: meta.task, logger: { debug() {}, info() {}, warn() {} } };
      const c0 = process.cpuUsage();
      let t0 = performance.now();
      const model = await est.fit(xtr, ytr, params, ctx);
      const fit = (performance.now() - t0) / 1000;
      const cu = process.cpuUsage(c0);
      const cpu = (cu.user + cu.system) / 1e6;
      t0 = performance.now();
      const pred = model.predict(xte);
      const predict = (performance.now() - t0) / 1000;
      let score = 0;
      if (binary) {
        for (let i = 0; i < meta.test; i++) if (pred.labels[i] === yte[i]) score++;
        score /= meta.test;
      } else {
        for (let i = 0; i < meta.test; i++) score += (pred.values[i] - yte[i]) ** 2;
        score = Math.sqrt(score / meta.test);
      }
      const row = { system: `${build.label} ${key} (1 thread, 255 bins)`, fit, cpu, predict, score, oob: model.oobScore };
      best = best ? { ...row, fit: Math.min(best.fit, fit), cpu: Math.min(best.cpu, cpu), predict: Math.min(best.predict, predict) } : row;
    }
    results.push(best);
    if (build === builds[builds.length - 1]) for (const x of meta.results) if (x.system.includes(key === 'random_forest' ? 'RandomForest' : 'ExtraTrees')) results.push(x);
  }

  const what = name === 'synthetic' ? `make_classification, seed ${opt.seed}` : `${name}, 80/20 split seed ${opt.seed}`;
  console.log(`\n${trees} trees, fully grown, default max_features; ${meta.rows} × ${meta.cols} train, ${meta.test} test (${what}); ${repeat > 1 ? `min of ${repeat} runs` : 'one run'}\n`);
  console.log(`| system | fit s | fit CPU s | predict s | test ${binary ? 'accuracy' : 'RMSE'} | OOB ${binary ? 'accuracy' : 'R²'} |`);
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const fmt = (v) => (binary ? v.toFixed(4) : v.toFixed(1));
  for (const x of results) console.log(`| ${x.system} | ${x.fit.toFixed(2)} | ${x.cpu.toFixed(2)} | ${x.predict.toFixed(3)} | ${fmt(x.score)} | ${x.oob == null ? '—' : x.oob.toFixed(4)} |`);
}
