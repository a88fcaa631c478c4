// Times datetime.features on 1,000,000 ISO timestamps (mixed date-only / timestamp / offset, 2% missing,
// 0.1% unparseable). Run after `build`:  node bench/features.mjs [rows]
import { Frame, Rng, defaultContext, fitTransformer } from '@autopipe/core';
import { datetimeFeatures } from '../dist/index.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const rng = new Rng(3);
const when = new Array(rows);
for (let i = 0; i < rows; i++) {
  const iso = new Date(Date.UTC(2015, 0, 1) + Math.floor(rng.next() * 3e8) * 1000).toISOString();
  const u = rng.next();
  when[i] = u < 0.02 ? null : u < 0.021 ? 'n/a' : u < 0.3 ? iso.slice(0, 10) : u < 0.6 ? `${iso.slice(0, 19)}+02:00` : iso;
}
const frame = Frame.fromColumns([{ schema: { name: 'when', type: 'datetime' }, data: when }]);
const ctx = defaultContext(0);
for (let rep = 0; rep < 3; rep++) {
  let t0 = performance.now();
  const t = await fitTransformer(datetimeFeatures, frame, ['when'], {}, ctx);
  const fit = performance.now() - t0;
  t0 = performance.now();
  t.transform(frame);
  console.log(`${rows} rows: fit ${fit.toFixed(0)} ms, transform -> ${t.outputs.length} columns ${(performance.now() - t0).toFixed(0)} ms`);
}
