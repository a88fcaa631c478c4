// TF-IDF on the SMS spam corpus (../shared/datasets/sms_spam.csv): timings of each mode, and — when
// /usr/bin/python3 has scikit-learn — the largest difference from TfidfVectorizer(min_df=2, uncapped).
// Run after `build`:  node bench/sms-spam.mjs [path/to/sms_spam.csv]
import { execFileSync } from 'node:child_process';
import { Frame, defaultContext, fitTransformer } from '@autopipe/core';
import { textTfidf } from '../dist/index.js';
import { readCsv } from './read-csv.mjs';

const path = process.argv[2] ?? new URL('../../../../shared/datasets/sms_spam.csv', import.meta.url).pathname;
const [header, ...records] = readCsv(path);
const docs = records.map((r) => r[header.indexOf('text')] ?? null);
const frame = Frame.fromColumns([{ schema: { name: 'text', type: 'text' }, data: docs }]);
const ctx = defaultContext(0);
console.log(`${docs.length} documents`);

const time = async (label, fn) => {
  const t0 = performance.now();
  const r = await fn();
  console.log(`${label}: ${(performance.now() - t0).toFixed(0)} ms`);
  return r;
};

for (const params of [{}, { ngram_max: 2 }, { hashing: true }, { analyzer: 'char_wb', ngram_min: 2, ngram_max: 4 }]) {
  const t = await time(`fit ${JSON.stringify(params)}`, () => fitTransformer(textTfidf, frame, ['text'], params, ctx));
  await time(`  transform -> ${t.outputs.length} columns`, () => t.transform(frame));
}

const rows = [0, 1, 2, 3, 4, 5, 100, 1000, 2500, 5000, docs.length - 1];
for (const ngram of [1, 2]) {
  let ref;
  try {
    ref = JSON.parse(execFileSync('/usr/bin/python3', [new URL('./sms_spam_ref.py', import.meta.url).pathname, path, rows.join(','), String(ngram)], { maxBuffer: 1 << 28 }).toString());
  } catch (e) {
    console.log(`scikit-learn reference unavailable: ${e.message.split('\n')[0]}`);
    break;
  }
  const t = await fitTransformer(textTfidf, frame, ['text'], { ngram_max: ngram, max_features: 1_000_000 }, ctx);
  const terms = t.state().terms[0];
  const sameTerms = terms.length === ref.terms.length && terms.every((x, j) => x === ref.terms[j]);
  const out = t.transform(frame);
  const cols = t.outputs.map((o) => out.numeric(o.name));
  let maxRow = 0;
  let maxSum = 0;
  rows.forEach((i, k) => cols.forEach((c, j) => { maxRow = Math.max(maxRow, Math.abs(c[i] - ref.rows[k][j])); }));
  cols.forEach((c, j) => { maxSum = Math.max(maxSum, Math.abs(c.reduce((a, b) => a + b, 0) - ref.colsum[j])); });
  console.log(`vs sklearn ngram 1..${ngram}: ${terms.length} terms (sklearn ${ref.terms.length}, identical: ${sameTerms}); max |diff| on ${rows.length} rows ${maxRow.toExponential(2)}, max |diff| of column sums ${maxSum.toExponential(2)}`);
}
