// Times the selectors on 1,000,000 rows × 50 numeric columns (every 5th a near-copy of the one before,
// every 10th constant, 1% missing). Run after `build`:  node bench/selection.mjs [rows]
import { Frame, Rng, defaultContext, fitTransformer } from '@autopipe/core';
import { selectCorrelation, selectVariance } from '../dist/index.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const rng = new Rng(5);
const cols = [];
for (let j = 0; j < 50; j++) {
  const data = new Float64Array(rows);
  const prev = cols[j - 1]?.data;
  for (let i = 0; i < rows; i++) {
    data[i] = j % 10 === 9 ? 1 : j % 5 === 4 ? prev[i] + 0.01 * rng.normal() : rng.normal();
    if (rng.next() < 0.01) data[i] = NaN;
  }
  cols.push({ schema: { name: `x${j}`, type: 'numeric' }, data });
}
const frame = Frame.fromColumns(cols);
const names = frame.names;
const ctx = defaultContext(0);
for (const def of [selectVariance, selectCorrelation]) {
  const t0 = performance.now();
  const t = await fitTransformer(def, frame, names, {}, ctx);
  const fit = performance.now() - t0;
  const t1 = performance.now();
  t.transform(frame);
  console.log(`${def.key}: fit ${fit.toFixed(0)} ms, transform ${(performance.now() - t1).toFixed(0)} ms, dropped ${t.state().dropped.length}`);
}
