#!/usr/bin/env node
// Held-out comparison, side by side in one run: autopipe vs scikit-learn / XGBoost / Optuna references and a
// trivial baseline, on the same seeded 80/20 split, scored by the same independent scorer (../shared/bench).
//
//   npm run bench -- [--datasets titanic,adult,california_housing | --all | --published] [--budget 30] [--splits 3]
//                    [--systems hgb,rf,xgb,optuna_xgb] [--searcher hyperband] [--workers 2] [--max-trials 200] [--autopipe-args="--no-ensemble"] [--json out.json]
//
// Needs ../shared (datasets and the Python scorer) and Debian's python3-sklearn python3-xgboost python3-optuna
// python3-pandas under /usr/bin/python3. Writes tools/bench/out/<dataset>/ and prints a Markdown table.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from './args.mjs';
import { placeAgainst, publishedFigures } from './published.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = process.env.AUTOPIPE_SHARED ?? join(root, '..', 'shared');
const PY = '/usr/bin/python3';
const TARGETS = { titanic: 'Survived', adult: 'income', california_housing: 'median_house_value', 'credit-g': 'class', segment: 'class', phoneme: 'Class', diabetes: 'Outcome', 'winequality-red': 'quality', 'bank-marketing': 'y', sms_spam: 'label', telco_churn: 'Churn', bike_sharing_hour: 'cnt', car: 'class', australian: 'class', kc1: 'Class', 'blood-transfusion': 'donated_march_2007' };

const { values: opt } = benchArgs(import.meta.url, { options: {
  datasets: { type: 'string', default: 'titanic,adult,california_housing' },
  budget: { type: 'string', default: '30' },
  seed: { type: 'string', default: '1' },
  systems: { type: 'string', default: 'hgb,rf,xgb,optuna_xgb' },
  // One 80/20 split is noisy on small data (Titanic's test set has 179 rows): --splits 5 averages seeds 42..46.
  splits: { type: 'string', default: '1' },
  // Every dataset with a known target (the `tools/bench automl` suite): npm run bench:automl.
  all: { type: 'boolean', default: false },
  // The nine datasets with published AutoML Benchmark figures (MANIFEST.tsv), each placed against them at the end:
  // npm run bench:automl:300 (the issue's 300 s target; over an hour with the references).
  published: { type: 'boolean', default: false },
  // autopipe's searcher (default: its own default, cfo); e.g. --searcher hyperband.
  searcher: { type: 'string' },
  // autopipe's worker threads (default: one per core).
  workers: { type: 'string' },
  // Stop autopipe after this many trials: selection quality compared independently of machine load (with a budget
  // large enough not to bind; the Optuna reference still gets --budget).
  'max-trials': { type: 'string' },
  // More `autopipe train` flags, space-separated, e.g. --autopipe-args="--no-ensemble" with --max-trials: a paired A/B of one feature.
  'autopipe-args': { type: 'string' },
  // Where the results go as JSON (default tools/bench/out/holdout.json); tools/bench/paired.mjs compares two such files.
  json: { type: 'string' },
} });
const manifest = join(shared, 'datasets', 'MANIFEST.tsv');
const PUBLISHED = existsSync(manifest) ? publishedFigures(readFileSync(manifest, 'utf8')) : new Map();
if (opt.all) opt.datasets = Object.keys(TARGETS).filter((d) => existsSync(join(shared, 'datasets', `${d}.csv`))).join(',');
if (opt.published) opt.datasets = Object.keys(TARGETS).filter((d) => PUBLISHED.has(d) && existsSync(join(shared, 'datasets', `${d}.csv`))).join(',');

function fail(msg) {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(1);
}
if (!existsSync(join(shared, 'bench', 'score.py'))) fail(`${shared}/bench is absent: this benchmark needs the shared datasets and scorer (set AUTOPIPE_SHARED to their folder).`);
if (spawnSync(PY, ['-c', 'import sklearn, pandas, xgboost, optuna']).status !== 0) {
  fail('the Python references are missing: apt-get install python3-sklearn python3-xgboost python3-optuna python3-pandas');
}
if (!existsSync(join(root, 'apps/cli/dist/main.js'))) fail('autopipe is not built: run "npm run build" first.');

function run(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return { stdout: r.stdout, seconds };
}

// The task each dataset is published with (MANIFEST.tsv), given to every system and the scorer: detection from the
// labels alone would read wine quality (integers 3–8, a regression task) as six classes.
const TASKS = new Map();
{
  const [head, ...lines] = readFileSync(join(shared, 'datasets', 'MANIFEST.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
  const fi = head.indexOf('file');
  const ti = head.indexOf('task');
  for (const l of lines) if (['binary', 'multiclass', 'regression'].includes(l[ti])) TASKS.set(l[fi].replace(/\.csv$/, ''), l[ti]);
}

const budget = Number(opt.budget);
const rows = [];
// Columns that leak the target (MANIFEST.tsv notes): left out for every system.
const LEAKS = { bike_sharing_hour: ['casual', 'registered'] };
const splitSeeds = Array.from({ length: Number(opt.splits) }, (_, i) => 42 + i);
for (const ds of opt.datasets.split(',')) for (const splitSeed of splitSeeds) {
  const target = TARGETS[ds];
  const data = join(shared, 'datasets', `${ds}.csv`);
  if (!target || !existsSync(data)) fail(`unknown dataset "${ds}" (known: ${Object.keys(TARGETS).join(', ')})`);
  const out = join(root, 'tools', 'bench', 'out', splitSeeds.length > 1 ? `${ds}-split${splitSeed}` : ds);
  const preds = join(out, 'preds');
  mkdirSync(preds, { recursive: true });
  let source = data;
  if (LEAKS[ds]) {
    // Every system sees the data without the leaking columns.
    source = join(out, `${ds}-noleak.csv`);
    run(PY, ['-c', `import pandas as pd; pd.read_csv(${JSON.stringify(data)}, dtype=str, keep_default_na=False).drop(columns=${JSON.stringify(LEAKS[ds])}).to_csv(${JSON.stringify(source)}, index=False)`]);
  }
  const task = TASKS.get(ds);
  const taskArgs = task ? ['--task', task] : [];
  run(PY, [join(shared, 'bench', 'split.py'), source, target, out, '--seed', String(splitSeed), '--test', '0.2', ...taskArgs]);
  const train = join(out, 'train.csv');
  const test = join(out, 'test.csv');

  const cli = join(root, 'apps', 'cli', 'bin', 'autopipe.js');
  const extra = [...(opt.searcher ? ['--searcher', opt.searcher] : []), ...(opt.workers ? ['--workers', opt.workers] : []),
    ...(opt['max-trials'] ? ['--max-trials', opt['max-trials']] : []), ...(opt['autopipe-args']?.split(' ').filter(Boolean) ?? []), ...taskArgs];
  const t = run(process.execPath, [cli, 'train', train, '--target', target, '--time-budget', String(budget), '--seed', opt.seed, '--out', join(out, 'model'), '--json', '--no-store', ...extra]);
  const trained = JSON.parse(t.stdout);
  const p = run(process.execPath, [cli, 'predict', join(out, 'model'), test, '--proba', '--out', join(preds, 'autopipe.preds.csv')]);
  const score = (file) => JSON.parse(run(PY, [join(shared, 'bench', 'score.py'), test, target, file, ...taskArgs]).stdout);
  // Trials the search ran (leaderboard rows less the ensembles, plus failed and timed-out trials).
  const trials = trained.leaderboard.filter((r) => !r.members).length + trained.failures.length;
  rows.push({ dataset: ds, split: splitSeed, system: 'autopipe', detail: `${trained.best.estimator}, ${trained.leaderboard.length} rows`, trials, seconds: t.seconds, predictSeconds: p.seconds, ...score(join(preds, 'autopipe.preds.csv')) });

  // Trivial baseline: class frequencies / the training mean for every test row.
  const trivial = join(preds, 'trivial.preds.csv');
  run(PY, ['-c', `
import sys, pandas as pd
sys.path.insert(0, ${JSON.stringify(join(shared, 'bench'))})
from peerlib import read_table, detect_task
tr = read_table(${JSON.stringify(train)}, ${JSON.stringify(target)}); te = read_table(${JSON.stringify(test)}, ${JSON.stringify(target)})
y = tr[${JSON.stringify(target)}]; task = ${JSON.stringify(task ?? '')} or detect_task(pd.concat([y, te[${JSON.stringify(target)}]]))
if task == 'regression':
    pd.DataFrame({'prediction': [pd.to_numeric(y).mean()] * len(te)}).to_csv(${JSON.stringify(trivial)}, index=False)
else:
    freq = y.astype(str).value_counts(normalize=True)
    df = pd.DataFrame({'prediction': [freq.idxmax()] * len(te)})
    for c in sorted(freq.index): df['proba_' + c] = freq[c]
    df.to_csv(${JSON.stringify(trivial)}, index=False)
`]);
  rows.push({ dataset: ds, split: splitSeed, system: 'trivial (prior / mean)', seconds: 0, ...score(trivial) });

  const base = run(PY, [join(shared, 'bench', 'baselines.py'), train, test, target, '--budget', String(budget), '--seed', opt.seed, '--out', preds, '--systems', opt.systems, ...taskArgs]);
  for (const line of base.stdout.trim().split('\n')) {
    const rec = JSON.parse(line);
    rows.push({ dataset: ds, split: splitSeed, system: rec.system, seconds: rec.fit_seconds, predictSeconds: rec.predict_seconds, ...score(rec.preds) });
  }
}

// Mean (± std over splits when there are several) per dataset and system.
const keys = ['auc', 'logloss', 'accuracy', 'rmse', 'r2'];
const fmt1 = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(4));
const stat = (vals) => {
  const v = vals.filter((x) => typeof x === 'number');
  if (!v.length) return '';
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  if (v.length === 1) return fmt1(m);
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
  return `${fmt1(m)} ± ${fmt1(sd)}`;
};
const lines = ['| dataset | system | ' + keys.join(' | ') + ' | train s | trials |', '|' + ' --- |'.repeat(keys.length + 4)];
const groups = new Map();
for (const r of rows) {
  const k = `${r.dataset}\u0000${r.system}`;
  if (!groups.has(k)) groups.set(k, []);
  groups.get(k).push(r);
}
for (const g of groups.values()) {
  lines.push(`| ${g[0].dataset} | ${g[0].system} | ${keys.map((k) => stat(g.map((r) => r.metrics?.[k]))).join(' | ')} | ${stat(g.map((r) => r.seconds))} | ${stat(g.map((r) => r.trials)).replace(/\.0+\b/g, '')} |`);
}
const table = lines.join('\n');

// Wins/ties/losses of autopipe against each reference on the task's primary metric (AUC, log loss, RMSE).
const primary = (m) => (m.auc !== undefined ? ['auc', 1] : m.rmse !== undefined ? ['rmse', -1] : ['logloss', -1]);
const tally = new Map();
const perDataset = new Map();
for (const r of rows) {
  if (!r.metrics) continue;
  const key = `${r.dataset}\u0000${r.split}`;
  if (!perDataset.has(key)) perDataset.set(key, new Map());
  perDataset.get(key).set(r.system, r.metrics);
}
for (const systems of perDataset.values()) {
  const mine = systems.get('autopipe');
  if (!mine) continue;
  const [k, sign] = primary(mine);
  for (const [system, m] of systems) {
    if (system === 'autopipe' || system.startsWith('trivial') || m[k] === undefined) continue;
    const diff = sign * (mine[k] - m[k]);
    const tol = k === 'rmse' ? 0.001 * Math.abs(m[k]) : 0.001;
    const t = tally.get(system) ?? { win: 0, tie: 0, loss: 0 };
    if (diff > tol) t.win++; else if (diff < -tol) t.loss++; else t.tie++;
    tally.set(system, t);
  }
}
// Per dataset, paired over splits: autopipe against the best reference of each split (the issue's target: beat every
// reference, never worse than the best by more than 0.01 AUC / 0.01 log loss / 1% RMSE). Test sets of 150–300 rows
// move AUC by a few hundredths between splits, so the spread says whether a gap is more than split noise.
const versusBest = new Map();
for (const [key, systems] of perDataset) {
  const mine = systems.get('autopipe');
  if (!mine) continue;
  const [k, sign] = primary(mine);
  const refs = [...systems].filter(([s, m]) => s !== 'autopipe' && !s.startsWith('trivial') && m[k] !== undefined);
  if (!refs.length) continue;
  const [bestSys, bestM] = refs.reduce((a, b) => (sign * (b[1][k] - a[1][k]) > 0 ? b : a));
  // Positive: autopipe is better; RMSE gaps relative to the best reference's RMSE.
  const gap = k === 'rmse' ? (bestM[k] - mine[k]) / bestM[k] : sign * (mine[k] - bestM[k]);
  const ds = key.split('\u0000')[0];
  if (!versusBest.has(ds)) versusBest.set(ds, []);
  versusBest.get(ds).push({ gap, bestSys, k });
}
const gapLines = [...versusBest].map(([ds, g]) => {
  const m = g.reduce((a, b) => a + b.gap, 0) / g.length;
  const sd = g.length > 1 ? Math.sqrt(g.reduce((a, b) => a + (b.gap - m) ** 2, 0) / (g.length - 1)) : NaN;
  const unit = g[0].k === 'rmse' ? '%' : '';
  const f = (v) => (unit ? `${(100 * v).toFixed(2)}%` : v.toFixed(4));
  const beaten = g.filter((x) => x.gap > 0).length;
  return `${ds} (${g[0].k}): autopipe − best reference ${f(m)}${g.length > 1 ? ` ± ${f(sd)}` : ''} (per split: ${g.map((x) => `${f(x.gap)} vs ${x.bestSys}`).join(', ')}); best on ${beaten}/${g.length} splits`;
});
// The issue's 60 s target, judged per dataset on the mean of those per-split gaps: better than every reference on at
// least 80% of datasets, and nowhere behind the best reference by more than 0.01 (AUC, log loss) or 1% (RMSE).
const means = [...versusBest].map(([ds, g]) => ({ ds, k: g[0].k, gap: g.reduce((a, b) => a + b.gap, 0) / g.length }));
const behind = means.filter((x) => x.gap < -0.01);
const ahead = means.filter((x) => x.gap > 0).length;
const target = means.length ? { datasets: means.length, better: ahead, share: ahead / means.length, behind: behind.map((x) => ({ dataset: x.ds, metric: x.k, gap: x.gap })) } : undefined;
const targetLine = target
  ? `target: better than every reference on ${ahead} of ${means.length} datasets (${(100 * target.share).toFixed(0)}%, needs 80%); ` +
    `behind the best by more than 0.01 / 1%: ${behind.length ? behind.map((x) => `${x.ds} ${x.k === 'rmse' ? `${(100 * x.gap).toFixed(2)}%` : x.gap.toFixed(4)}`).join(', ') : 'none'}` +
    (splitSeeds.length > 1 ? ` (means over ${splitSeeds.length} splits)` : '')
  : '';
// Against the published AutoML Benchmark figures: autopipe's mean over the splits (theirs are 10-fold CV means over
// the whole dataset, ours seeded 80/20 splits, so a few splits are the nearer comparison).
const published = [];
for (const ds of new Set(rows.map((r) => r.dataset))) {
  const p = PUBLISHED.get(ds);
  const mine = rows.filter((r) => r.dataset === ds && r.system === 'autopipe' && typeof r.metrics?.[p?.metric] === 'number');
  if (!p || !mine.length) continue;
  const values = mine.map((r) => r.metrics[p.metric]);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  published.push({ dataset: ds, metric: p.metric, autopipe: mean, splits: values, figures: p.text, ...placeAgainst(p, mean) });
}
const publishedLines = published.length
  ? ['| dataset | metric | autopipe (per split) | published (AMLB 2021, 1 h × 8 cores) | verdict |', '| --- | --- | --- | --- | --- |',
      ...published.map((x) => `| ${x.dataset} | ${x.metric} | ${x.autopipe.toFixed(4)}${x.splits.length > 1 ? ` (${x.splits.map((v) => v.toFixed(4)).join(' / ')})` : ''} | ${x.figures} | ${x.verdict}${x.verdict.startsWith('worse') && x.rounded ? ', within at the published precision' : ''} |`),
      `${published.filter((x) => !x.verdict.startsWith('worse')).length} of ${published.length} within or better than the published range`]
  : [];
const summary = [...tally].map(([s, t]) => `autopipe vs ${s}: ${t.win} wins, ${t.tie} ties, ${t.loss} losses`).join('\n') + (gapLines.length ? `\n\n${gapLines.join('\n')}\n${targetLine}` : '') + (publishedLines.length ? `\n\n${publishedLines.join('\n')}` : '');
const stamp = new Date().toISOString();
const jsonOut = opt.json ? resolve(opt.json) : join(root, 'tools', 'bench', 'out', 'holdout.json');
mkdirSync(dirname(jsonOut), { recursive: true });
writeFileSync(jsonOut, JSON.stringify({ stamp, budget, seed: opt.seed, rows, summary: Object.fromEntries(tally), target, published }, null, 2));
process.stdout.write(`holdout benchmark ${stamp}, budget ${budget}s, split seeds ${splitSeeds.join(',')} (80/20), autopipe seed ${opt.seed}\n\n${table}\n\n${summary}\n`);
