#!/usr/bin/env node
// Where the search time went, from the models a benchmark run saved (`node tools/bench/holdout.mjs`, which writes
// tools/bench/out/<dataset>[-split<seed>]/model/manifest.json): per run, each learner family's share of the trial
// seconds and whether it is in the saved model (a member of the ensemble, or the single model); then per family its
// mean share over the runs and how often it made the model. "Not in the model" is hindsight, not waste: a family
// has to be tried to be ruled out. It is the measure for how the searcher divides the budget among families.
//
//   node tools/bench/time-shares.mjs [--out tools/bench/out] [--since 2026-11-29T05:15:00Z] [--runs adult,kc1-split43]
//
// --since keeps runs whose manifest was written after that time (one benchmark invocation); --runs names them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from './args.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opt } = benchArgs(import.meta.url, { options: { out: { type: 'string', default: join(root, 'tools', 'bench', 'out') }, since: { type: 'string' }, runs: { type: 'string' } } });
const since = opt.since ? Date.parse(opt.since) : -Infinity;
if (Number.isNaN(since)) {
  process.stderr.write(`time-shares: --since "${opt.since}" is not a date (e.g. 2026-11-29T05:15:00Z)\n`);
  process.exit(1);
}
const wanted = opt.runs ? new Set(opt.runs.split(',')) : undefined;

const families = new Map();
const lines = [];
let runs = 0;
let outside = 0;
for (const run of existsSync(opt.out) ? readdirSync(opt.out).sort() : []) {
  const file = join(opt.out, run, 'model', 'manifest.json');
  if ((wanted && !wanted.has(run)) || !existsSync(file) || statSync(file).mtimeMs <= since) continue;
  const m = JSON.parse(readFileSync(file, 'utf8'));
  const trials = m.leaderboard.filter((r) => !r.members);
  const byTrial = new Map(trials.map((r) => [r.trial, r.estimator]));
  const model = new Set(m.ensemble ? m.ensemble.members.map((x) => byTrial.get(x.trial)) : [m.pipeline.estimator.key]);
  const seconds = new Map();
  for (const r of trials) seconds.set(r.estimator, (seconds.get(r.estimator) ?? 0) + r.seconds);
  const total = [...seconds.values()].reduce((a, b) => a + b, 0);
  if (!(total > 0)) continue;
  runs++;
  let notInModel = 0;
  for (const [k, s] of seconds) {
    const f = families.get(k) ?? { share: 0, runs: 0, inModel: 0 };
    f.share += s / total;
    f.runs++;
    if (model.has(k)) f.inModel++;
    else notInModel += s / total;
    families.set(k, f);
  }
  outside += notInModel;
  const parts = [...seconds].sort((a, b) => b[1] - a[1]).map(([k, s]) => `${k}${model.has(k) ? '*' : ''} ${(100 * s / total).toFixed(0)}%`);
  lines.push(`${run}: ${(100 * notInModel).toFixed(0)}% outside the model | ${parts.join(', ')}`);
}
if (runs === 0) {
  process.stderr.write(`time-shares: no saved models under ${opt.out}${opt.since ? ` written after ${opt.since}` : ''}: run node tools/bench/holdout.mjs first\n`);
  process.exit(1);
}
const table = [...families].sort((a, b) => b[1].share - a[1].share)
  .map(([k, f]) => `| ${k} | ${(100 * f.share / runs).toFixed(1)}% | ${f.inModel} / ${f.runs} |`);
process.stdout.write(`${lines.join('\n')}\n(* = in the saved model)\n\n${runs} runs; mean share of trial time outside the saved model: ${(100 * outside / runs).toFixed(1)}%\n\n`
  + `| family | mean share of trial seconds | in the model / runs it was tried in |\n|---|--:|--:|\n${table.join('\n')}\n`);
