// Times robust scaling, the power and quantile transforms and outlier clipping on a 1,000,000-row frame of two
// skewed numeric columns. Run after `build`:  node bench/numeric-transforms.mjs [rows]
import { Frame, Rng, fitTransformer, defaultContext } from '@autopipe/core';
import { clipOutliers, scaleRobust, transformPower, transformQuantile } from '../dist/index.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const rng = new Rng(7);
const a = new Float64Array(rows);
const b = new Float64Array(rows);
for (let i = 0; i < rows; i++) {
  a[i] = rng.next() < 0.05 ? NaN : Math.exp(rng.normal() * 1.5);
  b[i] = rng.normal() * 10 - 3;
}
const frame = Frame.fromColumns([
  { schema: { name: 'a', type: 'numeric' }, data: a },
  { schema: { name: 'b', type: 'numeric' }, data: b },
]);
const ctx = defaultContext(0);
const time = async (label, fn) => {
  const t0 = performance.now();
  const r = await fn();
  console.log(`${label}: ${(performance.now() - t0).toFixed(0)} ms`);
  return r;
};
for (const def of [scaleRobust, transformPower, transformQuantile, clipOutliers]) {
  const t = await time(`${def.key} fit (${rows} rows, 2 cols)`, () => fitTransformer(def, frame, ['a', 'b'], {}, ctx));
  await time(`${def.key} transform`, () => t.transform(frame));
}
