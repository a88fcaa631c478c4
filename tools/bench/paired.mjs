#!/usr/bin/env node
// A paired A/B of one autopipe feature from two holdout benchmark runs on the same datasets and split seeds, usually the
// same search (--max-trials) with and without it (--autopipe-args), so search noise cancels and the feature is what is left:
//
//   npm run bench -- --datasets kc1,credit-g --splits 3 --max-trials 250 --autopipe-args="--no-ensemble" --json out/a.json
//   npm run bench -- --datasets kc1,credit-g --splits 3 --max-trials 250 --json out/b.json
//   node tools/bench/paired.mjs tools/bench/out/a.json tools/bench/out/b.json
//
// Prints, per dataset and split, autopipe's test score in A and in B (AUC, else RMSE, else log loss) and the change
// (positive = B better), then how many pairs B improved, the mean change and a two-sided sign test: on test sets of a
// few hundred rows a change of ±0.005 AUC is within one split's noise, and only a consistent sign says more.
import { existsSync, readFileSync } from 'node:fs';

function fail(msg) {
  process.stderr.write(`paired: ${msg}\n`);
  process.exit(1);
}

const [fa, fb] = process.argv.slice(2);
if (!fa || !fb) fail('usage: node tools/bench/paired.mjs <a.json> <b.json> (two files written by holdout.mjs --json)');

function load(file) {
  if (!existsSync(file)) fail(`${file} does not exist`);
  let d;
  try {
    d = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`${file} is not JSON (${e.message})`);
  }
  if (!Array.isArray(d.rows)) fail(`${file} has no "rows": is it a holdout.mjs result?`);
  return new Map(d.rows.filter((r) => r.system === 'autopipe').map((r) => [`${r.dataset} ${r.split ?? ''}`.trim(), r]));
}

// Which score decides, and whether higher is better.
const METRICS = [['auc', 1], ['rmse', -1], ['logloss', -1]];

const a = load(fa);
const b = load(fb);
const keys = [...a.keys()].filter((k) => b.has(k));
if (keys.length === 0) fail('the two runs share no dataset and split');
const lines = [];
const changes = [];
for (const k of keys) {
  const [ma, mb] = [a.get(k).metrics, b.get(k).metrics];
  const found = METRICS.find(([m]) => ma[m] !== undefined && mb[m] !== undefined);
  if (!found) continue;
  const [m, sign] = found;
  const change = sign * (mb[m] - ma[m]);
  changes.push(change);
  const ll = m !== 'logloss' && ma.logloss !== undefined && mb.logloss !== undefined ? `, log loss ${ma.logloss.toFixed(4)} → ${mb.logloss.toFixed(4)}` : '';
  lines.push(`${k.padEnd(28)} ${m} ${ma[m].toFixed(4)} → ${mb[m].toFixed(4)}  ${change >= 0 ? '+' : ''}${change.toFixed(4)}${ll}`);
}
const better = changes.filter((c) => c > 0).length;
const worse = changes.filter((c) => c < 0).length;
const mean = changes.reduce((s, c) => s + c, 0) / changes.length;

/** Two-sided sign test: the chance of a split at least this uneven between `w` and `l` if B changed nothing. */
function signTest(w, l) {
  const n = w + l;
  if (n === 0) return 1;
  let p = 0;
  let c = 1; // C(n, 0)
  for (let k = 0; k <= Math.min(w, l); k++) {
    p += c;
    c = (c * (n - k)) / (k + 1);
  }
  return Math.min(1, (2 * p) / 2 ** n);
}
process.stdout.write(`${lines.join('\n')}\n\nB better in ${better} of ${changes.length} pairs (worse in ${worse}), mean change ${mean >= 0 ? '+' : ''}${mean.toFixed(4)}, sign test p = ${signTest(better, worse).toFixed(3)}\n`);
