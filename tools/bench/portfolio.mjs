#!/usr/bin/env node
// Derives the estimator portfolios (strong configurations searchers try first): runs `autopipe fit --cv 5` for a
// short list of candidate configurations per estimator on the bundled examples and a few small datasets from
// ../shared/datasets (large ones subsampled to 2,000 rows with a seeded shuffle), normalizes each score within
// (dataset, estimator) to [0, 1] (1 = best candidate of that estimator there), and ranks candidates by the mean.
// Also prints each estimator's relative cost at its defaults (CV seconds / logistic's on the same classification
// dataset, or / ridge's on regression ones).
//
//   npm run build && node tools/bench/portfolio.mjs [--only knn,logistic] [--datasets titanic,car] [--jobs 2] [--json out.json] [--cache cache.json] [--plugin ./plugins/estimator-gbm]
//
// Timings on a shared machine are noisy; costs are rough ratios, not measurements to quote.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from './args.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'apps', 'cli', 'bin', 'autopipe.js');
const shared = join(root, '..', 'shared', 'datasets');
const { values: opt } = benchArgs(import.meta.url, { options: {
  only: { type: 'string' }, plugin: { type: 'string', multiple: true }, cache: { type: 'string' }, datasets: { type: 'string' }, jobs: { type: 'string', default: '2' }, json: { type: 'string' },
} });

/** Candidate configurations per estimator: the defaults ({}) plus a few hand-picked, commonly strong settings. */
const CANDIDATES = {
  logistic: [{}, { C: 0.1 }, { C: 0.01 }, { C: 10 }, { C: 100 }],
  ridge: [{}, { alpha: 0.1 }, { alpha: 10 }, { alpha: 100 }],
  lasso: [{}, { alpha: 0.001 }, { alpha: 0.1 }, { alpha: 1 }],
  elastic_net: [{}, { alpha: 0.001, l1_ratio: 0.5 }, { alpha: 0.1, l1_ratio: 0.2 }, { alpha: 0.01, l1_ratio: 0.9 }, { alpha: 1, l1_ratio: 0.1 }],
  decision_tree: [{}, { max_depth: 4, min_samples_leaf: 10 }, { max_depth: 6, min_samples_leaf: 20 }, { max_depth: 12, min_samples_leaf: 3 }, { max_depth: 5, min_samples_leaf: 5, criterion: 'entropy' }],
  random_forest: [{}, { n_estimators: 50 }, { n_estimators: 100, min_samples_leaf: 3 }, { n_estimators: 100, max_features: 0.5 }, { n_estimators: 200, min_samples_leaf: 2, max_features: 0.3 }],
  extra_trees: [{}, { n_estimators: 50 }, { n_estimators: 100, min_samples_leaf: 3 }, { n_estimators: 100, max_features: 0.5 }, { n_estimators: 200, min_samples_leaf: 2, max_features: 0.8 }],
  knn: [{}, { n_neighbors: 15 }, { n_neighbors: 15, weights: 'distance' }, { n_neighbors: 30, weights: 'distance' }, { n_neighbors: 10, p: 1 }],
  gaussian_nb: [{}, { var_smoothing: 1e-6 }, { var_smoothing: 1e-4 }],
  multinomial_nb: [{}, { alpha: 0.1 }, { alpha: 0.01 }],
  mlp: [{}, { hidden_layers: '64', learning_rate: 0.003 }, { hidden_layers: '128-64', dropout: 0.2 }, { hidden_layers: '64', alpha: 0.001, batch_norm: true }],
  gbm: [{}, { learning_rate: 0.05, n_estimators: 200 }, { max_leaves: 8, min_samples_leaf: 10 }, { learning_rate: 0.05, n_estimators: 300, max_leaves: 15, subsample: 0.8, colsample: 0.8 }],
};
const CLASSIFIERS = ['logistic', 'decision_tree', 'random_forest', 'extra_trees', 'knn', 'gaussian_nb', 'multinomial_nb', 'mlp', 'gbm'];
const REGRESSORS = ['ridge', 'lasso', 'elastic_net', 'decision_tree', 'random_forest', 'extra_trees', 'knn', 'mlp', 'gbm'];

/** A seeded 2,000-row sample of a large CSV (mulberry32 shuffle of the data lines), written once to the temp dir. */
function sample(file, rows, seed = 1) {
  const out = join(tmpdir(), 'autopipe-portfolio', `${file.replace(/\.csv$/, '')}-${rows}.csv`);
  if (existsSync(out)) return out;
  const lines = readFileSync(join(shared, file), 'utf8').split('\n').filter((l) => l.length > 0);
  const [head, ...body] = lines;
  let s = seed >>> 0;
  const rand = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  for (let i = body.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [body[i], body[j]] = [body[j], body[i]]; }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, [head, ...body.slice(0, rows)].join('\n') + '\n');
  return out;
}

const DATASETS = [
  { name: 'titanic', file: () => join(root, 'examples', 'titanic.csv'), target: 'Survived', task: 'classification', extra: ['--ignore', 'PassengerId,Name,Ticket,Cabin'] },
  { name: 'winequality-red', file: () => join(root, 'examples', 'winequality-red.csv'), target: 'quality', task: 'regression' },
  { name: 'blood-transfusion', file: () => join(shared, 'blood-transfusion.csv'), target: 'donated_march_2007', task: 'classification' },
  { name: 'diabetes', file: () => join(shared, 'diabetes.csv'), target: 'Outcome', task: 'classification' },
  { name: 'australian', file: () => join(shared, 'australian.csv'), target: 'class', task: 'classification' },
  { name: 'credit-g', file: () => join(shared, 'credit-g.csv'), target: 'class', task: 'classification' },
  { name: 'car', file: () => join(shared, 'car.csv'), target: 'class', task: 'classification' },
  { name: 'kc1', file: () => join(shared, 'kc1.csv'), target: 'Class', task: 'classification' },
  { name: 'california-2k', file: () => sample('california_housing.csv', 2000), target: 'median_house_value', task: 'regression' },
  { name: 'bike-2k', file: () => sample('bike_sharing_hour.csv', 2000), target: 'cnt', task: 'regression', extra: ['--ignore', 'instant,casual,registered'] },
].filter((d) => !opt.datasets || opt.datasets.split(',').includes(d.name));

const only = opt.only ? new Set(opt.only.split(',')) : null;
const paramText = (p) => Object.entries(p).map(([k, v]) => `${k}=${v}`).join(',');

let runs = 0;
function runFit(ds, file, est, params) {
  return new Promise((resolve) => {
    const args = [cli, 'fit', file, '-t', ds.target, '-e', est, '--cv', '5', '--json', '-q', '-s', '1', '-o', join(tmpdir(), 'autopipe-portfolio', `model-${process.pid}-${++runs}`), ...(ds.extra ?? [])];
    if (Object.keys(params).length) args.push('-p', paramText(params));
    for (const p of opt.plugin ?? []) args.push('--plugin', p);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => { out += b; });
    child.stderr.on('data', (b) => { err += b; });
    child.on('close', (code) => {
      if (code !== 0) return resolve({ error: err.trim().split('\n').pop() });
      const r = JSON.parse(out);
      if (typeof r.score !== 'number' || !Number.isFinite(r.score)) return resolve({ error: `non-finite score ${r.score}`, seconds: r.seconds.total });
      resolve({ score: r.score, metric: r.metric, seconds: r.seconds.total });
    });
  });
}

const jobs = [];
for (const ds of DATASETS) {
  let file = null;
  try { file = ds.file(); } catch { /* a shared dataset that is not present */ }
  if (!file || !existsSync(file)) { process.stderr.write(`skip ${ds.name}: file not found\n`); continue; }
  for (const est of ds.task === 'regression' ? REGRESSORS : CLASSIFIERS) {
    if (only && !only.has(est)) continue;
    for (const params of CANDIDATES[est]) jobs.push({ ds, file, est, params });
  }
}

// Finished runs are cached (--cache) so an interrupted benchmark resumes instead of starting over.
const cacheFile = opt.cache;
const cache = cacheFile && existsSync(cacheFile) ? JSON.parse(readFileSync(cacheFile, 'utf8')) : {};
const results = [];
let next = 0;
async function worker() {
  while (next < jobs.length) {
    const j = jobs[next++];
    const id = `${j.ds.name}|${j.est}|${paramText(j.params)}`;
    const r = cache[id] ?? await runFit(j.ds, j.file, j.est, j.params);
    if (cacheFile && !r.error) { cache[id] = r; writeFileSync(cacheFile, JSON.stringify(cache)); }
    results.push({ dataset: j.ds.name, estimator: j.est, params: j.params, ...r });
    process.stderr.write(`[${results.length}/${jobs.length}] ${j.ds.name} ${j.est} ${paramText(j.params) || '(defaults)'}: ${r.error ? `error ${r.error}` : `${r.metric} ${r.score?.toFixed(4)} ${r.seconds?.toFixed(2)}s`}\n`);
  }
}
await Promise.all(Array.from({ length: Math.max(1, Number(opt.jobs)) }, worker));
if (opt.json) writeFileSync(opt.json, JSON.stringify(results, null, 1));

// Normalize within (dataset, estimator): 1 = the best candidate, 0 = the worst; failures count 0.
const lowerIsBetter = (m) => m === 'rmse' || m === 'mae' || m === 'log_loss';
const table = [];
const portfolios = [];
for (const est of Object.keys(CANDIDATES)) {
  const mine = results.filter((r) => r.estimator === est);
  if (mine.length === 0) continue;
  const norm = new Map();
  for (const ds of new Set(mine.map((r) => r.dataset))) {
    const rows = mine.filter((r) => r.dataset === ds && r.score !== undefined && Number.isFinite(r.score));
    if (rows.length === 0) continue;
    const sign = lowerIsBetter(rows[0].metric) ? -1 : 1;
    const vals = rows.map((r) => sign * r.score);
    const lo = Math.min(...vals);
    const hi = Math.max(...vals);
    for (const r of mine.filter((x) => x.dataset === ds)) {
      const v = r.score !== undefined && Number.isFinite(r.score) ? (hi > lo ? (sign * r.score - lo) / (hi - lo) : 1) : 0;
      const key = paramText(r.params);
      norm.set(key, [...(norm.get(key) ?? []), { v, s: r.seconds ?? NaN }]);
    }
  }
  const ranked = [...norm.entries()].map(([k, xs]) => ({ k, mean: xs.reduce((a, x) => a + x.v, 0) / xs.length, sec: xs.reduce((a, x) => a + x.s, 0) / xs.length, n: xs.length, wins: xs.filter((x) => x.v === 1).length }))
    .sort((a, b) => b.mean - a.mean);
  ranked.forEach((r, i) => table.push({ estimator: est, rank: i + 1, params: r.k || '(defaults)', score: r.mean, seconds: r.sec, datasets: r.n, wins: r.wins }));
  // The portfolio rule: non-default candidates at least as good as the defaults on average, or best somewhere
  // (they add diversity); at most 3 (the defaults are always tried first anyway), best first, then cheapest first.
  const base = ranked.find((r) => r.k === '')?.mean ?? 0;
  const chosen = ranked.filter((r) => r.k !== '' && (r.mean >= base || r.wins > 0)).slice(0, 3).sort((a, b) => a.sec - b.sec);
  portfolios.push({ est, entries: chosen.map((r) => r.k) });
}

// Relative cost at the defaults: CV seconds over the reference learner's on the same dataset.
const costs = [];
for (const est of Object.keys(CANDIDATES)) {
  const ratios = [];
  for (const ds of DATASETS) {
    const ref = results.find((r) => r.dataset === ds.name && r.estimator === (ds.task === 'regression' ? 'ridge' : 'logistic') && Object.keys(r.params).length === 0);
    const me = results.find((r) => r.dataset === ds.name && r.estimator === est && Object.keys(r.params).length === 0);
    if (ref?.seconds && me?.seconds) ratios.push(me.seconds / ref.seconds);
  }
  if (ratios.length) costs.push({ est, cost: ratios.sort((a, b) => a - b)[Math.floor(ratios.length / 2)], n: ratios.length });
}

process.stdout.write(`\nCandidates ranked by mean normalized CV score (5-fold, seed 1) over ${DATASETS.length} datasets\n\n`);
process.stdout.write('| estimator | rank | params | mean normalized score | best on | mean seconds | datasets |\n|---|---|---|---|---|---|---|\n');
for (const t of table) process.stdout.write(`| ${t.estimator} | ${t.rank} | ${t.params} | ${t.score.toFixed(3)} | ${t.wins} | ${t.seconds.toFixed(2)} | ${t.datasets} |\n`);
process.stdout.write('\nProposed portfolios (cheapest first):\n');
for (const p of portfolios) process.stdout.write(`  ${p.est}: ${p.entries.length ? p.entries.map((e) => `{${e}}`).join(' ') : '(none: no candidate beats the defaults)'}\n`);
process.stdout.write('\n| estimator | median cost at defaults (× logistic / ridge) | datasets |\n|---|---|---|\n');
for (const c of costs) process.stdout.write(`| ${c.est} | ${c.cost.toFixed(2)} | ${c.n} |\n`);
const failed = results.filter((r) => r.error);
if (failed.length) process.stdout.write(`\n${failed.length} runs failed, e.g. ${failed.slice(0, 3).map((f) => `${f.dataset}/${f.estimator}: ${f.error}`).join('; ')}\n`);
