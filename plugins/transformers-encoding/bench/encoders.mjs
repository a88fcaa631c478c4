// Times the three encoders on a 1,000,000-row frame with a 200-level and a ~100,000-level categorical and a
// binary target. Run after `build`:  node bench/encoders.mjs [rows]
import { Frame, Rng, fitTransformer, fitTransformFrame, defaultContext } from '@autopipe/core';
import { encodeFrequency, encodeOrdinal, encodeTarget } from '../dist/index.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const rng = new Rng(7);
const low = new Array(rows);
const high = new Array(rows);
const codes = new Int32Array(rows);
for (let i = 0; i < rows; i++) {
  low[i] = rng.next() < 0.02 ? null : `v${Math.floor(-Math.log(1 - rng.next()) * 20)}`;
  high[i] = `id${rng.int(100_000)}`;
  codes[i] = rng.next() < 0.3 ? 1 : 0;
}
const frame = Frame.fromColumns([
  { schema: { name: 'low', type: 'categorical' }, data: low },
  { schema: { name: 'high', type: 'high_cardinality' }, data: high },
]);
const ctx = { ...defaultContext(0), target: { kind: 'classification', classes: ['0', '1'], codes } };
const time = async (label, fn) => {
  const t0 = performance.now();
  const r = await fn();
  console.log(`${label}: ${(performance.now() - t0).toFixed(0)} ms`);
  return r;
};
for (const def of [encodeOrdinal, encodeFrequency, encodeTarget]) {
  const t = await time(`${def.key} fit (${rows} rows, 2 cols)`, () => fitTransformer(def, frame, ['low', 'high'], {}, ctx));
  await time(`${def.key} transform`, () => t.transform(frame));
}
await time('encode.target fitTransform (out of fold, cv 5)', () => fitTransformFrame(encodeTarget, frame, ['low', 'high'], {}, ctx));
