import { Rng } from '@autopipe/core';
import { fitBinEdges, binMatrix, growTree, giniCriterion, predictTree } from './dist/index.js';
const n = 100_000, p = 20, rng = new Rng(1);
const data = new Float64Array(n * p);
for (let i = 0; i < data.length; i++) data[i] = rng.normal();
const x = { rows: n, cols: p, names: Array.from({ length: p }, (_, j) => 'x' + j), data };
const codes = new Int32Array(n);
for (let i = 0; i < n; i++) { const s = data[i] + data[n + i] * data[2 * n + i] + 0.5 * rng.normal(); codes[i] = s > 0 ? 1 : 0; }
for (let rep = 0; rep < 3; rep++) {
let t = performance.now();
const e = fitBinEdges(x, 255, new Rng(0)); const t1 = performance.now() - t; t = performance.now();
const b = binMatrix(x, e); const t2 = performance.now() - t; t = performance.now();
const g = growTree(b, { kind: 'class', codes, classes: 2 }, giniCriterion(2), { maxDepth: 10, minSamplesLeaf: 5, minSamplesSplit: 10, minGain: 0, maxFeatures: 20, maxLeaves: 0 }, new Rng(0));
const t3 = performance.now() - t; t = performance.now();
predictTree(g.tree, b); const t4 = performance.now() - t;
console.log({ edges: t1.toFixed(1), bin: t2.toFixed(1), grow: t3.toFixed(1), traverse: t4.toFixed(1) });
}
