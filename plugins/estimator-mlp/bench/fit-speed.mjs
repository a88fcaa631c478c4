// Fit speed of `mlp` on 10,000 × 20 (binary), per backend. Build first (`nx run @autopipe/estimator-mlp:build`), then
//   AUTOPIPE_TF_BACKEND=wasm node bench/fit-speed.mjs
//   AUTOPIPE_TF_BACKEND=cpu  node bench/fit-speed.mjs
// Early stopping is disabled (patience > max_epochs) so every configuration runs the same number of epochs.
import { Rng, createMatrix, fitEstimator } from '@autopipe/core';
import { activeBackend, mlp } from '../dist/index.js';

const rows = 10_000;
const cols = 20;
const rng = new Rng(1);
const data = new Float64Array(rows * cols);
for (let k = 0; k < data.length; k++) data[k] = rng.normal();
const codes = new Int32Array(rows);
for (let i = 0; i < rows; i++) codes[i] = data[i] + data[rows + i] * data[2 * rows + i] + 0.3 * rng.normal() > 0 ? 1 : 0;
const x = createMatrix(rows, Array.from({ length: cols }, (_, j) => `x${j}`), data);
const y = { kind: 'classification', classes: ['0', '1'], codes };
const ctx = { seed: 1, logger: { debug() {}, warn() {}, info() {} } };

const epochs = Number(process.env.EPOCHS ?? 10);
for (const hidden of ['100', '256-128']) {
  const params = { hidden_layers: hidden, max_epochs: epochs, patience: 1000 };
  await fitEstimator(mlp, x, y, { ...params, max_epochs: 1 }, ctx); // warm-up: backend init, kernel setup
  const t0 = performance.now();
  const m = await fitEstimator(mlp, x, y, params, ctx);
  const fitMs = performance.now() - t0;
  const t1 = performance.now();
  const p = m.predict(x);
  const predictMs = performance.now() - t1;
  let ok = 0;
  for (let i = 0; i < rows; i++) ok += p.labels[i] === codes[i] ? 1 : 0;
  console.log(JSON.stringify({ backend: activeBackend(), hidden, epochs, fitMs: Math.round(fitMs), msPerEpoch: Math.round(fitMs / epochs), predictMs: Math.round(predictMs), trainAccuracy: ok / rows }));
}
