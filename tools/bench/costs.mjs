#!/usr/bin/env node
// Relative learner costs at full data size, from the models an AutoML suite run saved
// (`node tools/bench/holdout.mjs --all`, which writes tools/bench/out/<dataset>/model/manifest.json): for each
// dataset, the seconds of each learner's first trial (the cost-frugal searcher's first trial of a learner is its
// defaults) over logistic's (classification) or ridge's (regression) first trial; prints the median per learner.
// A learner whose cost grows with the square of the rows (`costGrowth: 'quadratic'`, kNN) is divided by
// max(1, rows / 2000) — how the trainer scales its declared cost. These are the numbers an estimator's `cost`
// should carry: the trainer estimates a learner's first trial from them before it has measured one.
//
//   node tools/bench/costs.mjs [--out tools/bench/out] [--quadratic knn] [--min-rows 4000]
//
// --min-rows leaves out small datasets, where fixed per-trial overheads (threads, messages) squeeze every ratio
// toward 1; the estimates matter most on large data, where a trial can overrun the budget.
//
// Trials overlap by one (lookahead) and timings on a shared machine are noisy: medians of rough ratios.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from './args.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opt } = benchArgs(import.meta.url, { options: { out: { type: 'string', default: join(root, 'tools', 'bench', 'out') }, quadratic: { type: 'string', default: 'knn' }, 'min-rows': { type: 'string', default: '0' } } });
const quadratic = new Set(opt.quadratic.split(','));

const ratios = new Map();
const used = [];
for (const ds of readdirSync(opt.out).sort()) {
  const file = join(opt.out, ds, 'model', 'manifest.json');
  if (/-split\d+$/.test(ds) || !existsSync(file)) continue;
  const m = JSON.parse(readFileSync(file, 'utf8'));
  if (m.training.rows < Number(opt['min-rows'])) continue;
  const first = new Map();
  for (const r of [...m.leaderboard].filter((r) => !r.members).sort((a, b) => a.trial - b.trial)) if (!first.has(r.estimator)) first.set(r.estimator, r.seconds);
  const ref = first.get(m.task === 'regression' ? 'ridge' : 'logistic');
  if (!ref) continue;
  used.push(`${ds} (${m.training.rows} rows)`);
  for (const [est, s] of first) {
    const r = (s / ref) / (quadratic.has(est) ? Math.max(1, m.training.rows / 2000) : 1);
    ratios.set(est, [...(ratios.get(est) ?? []), r]);
  }
}
if (used.length === 0) {
  process.stderr.write(`costs: no suite models under ${opt.out}; run node tools/bench/holdout.mjs --all first.\n`);
  process.exit(1);
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
process.stdout.write(`Relative cost of a learner's first trial (× logistic / ridge), from ${used.length} saved models: ${used.join(', ')}\n\n`);
process.stdout.write('| estimator | median | min | max | datasets |\n|---|--:|--:|--:|--:|\n');
for (const [est, v] of [...ratios].sort((a, b) => median(a[1]) - median(b[1]))) {
  process.stdout.write(`| ${est} | ${median(v).toFixed(2)} | ${Math.min(...v).toFixed(2)} | ${Math.max(...v).toFixed(2)} | ${v.length} |\n`);
}
