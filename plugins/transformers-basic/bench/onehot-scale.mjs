// Times one-hot encoding and standard scaling on a 1,000,000-row frame. Run after `build`:
//   node bench/onehot-scale.mjs [rows]
import { Frame, Rng, fitTransformer, defaultContext } from '@autopipe/core';
import { encodeOneHot, scaleStandard } from '../dist/index.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const rng = new Rng(7);
const cat = new Array(rows);
const num = new Float64Array(rows);
const num2 = new Float64Array(rows);
for (let i = 0; i < rows; i++) {
  // ~200 distinct values with a long tail, 2% missing.
  cat[i] = rng.next() < 0.02 ? null : `v${Math.floor(-Math.log(1 - rng.next()) * 20)}`;
  num[i] = rng.next() < 0.05 ? NaN : rng.normal() * 3 + 1;
  num2[i] = rng.normal();
}
const frame = Frame.fromColumns([
  { schema: { name: 'cat', type: 'categorical' }, data: cat },
  { schema: { name: 'num', type: 'numeric' }, data: num },
  { schema: { name: 'num2', type: 'numeric' }, data: num2 },
]);
const ctx = defaultContext(0);
const time = async (label, fn) => {
  const t0 = performance.now();
  const r = await fn();
  console.log(`${label}: ${(performance.now() - t0).toFixed(0)} ms`);
  return r;
};
for (let rep = 0; rep < 3; rep++) {
  const oh = await time(`onehot fit (${rows} rows)`, () => fitTransformer(encodeOneHot, frame, ['cat'], {}, ctx));
  const encoded = await time(`onehot transform -> ${oh.outputs.length} columns`, () => oh.transform(frame));
  const sc = await time('scale fit (2 cols)', () => fitTransformer(scaleStandard, encoded, ['num', 'num2'], {}, ctx));
  await time('scale transform (2 cols)', () => sc.transform(encoded));
}
