import { describe, expect, it } from 'vitest';
import { fitEstimator, defaultContext, createMatrix, Rng, type Matrix } from '@autopipe/core';
import { binMatrix, fitBinEdges, type BinEdges } from '@autopipe/trees';
import { binForFit } from '../src/bin-kernel.js';
import { addTreeScores, type Ensemble } from '../src/ensemble.js';
import { gradLayout, HistogramArena, ROW_WISE_COLLISION } from '../src/histogram.js';
import { Scorer } from '../src/scorer.js';
import type { GbmModel } from '../src/gbm-model.js';
import { classes, fitRaw, matrix } from './helpers.js';
import { findSplit, Split } from '../src/split.js';
import { median, quantile } from '../src/select.js';
import { gbm } from '../src/gbm.js';

describe('gbm internals', () => {
  it('builds gradient histograms (WebAssembly kernel) and the subtraction trick gives the sibling', () => {
    // Two features, 6 rows, column-major bins (bin 0 = missing).
    const bins = Uint8Array.of(1, 2, 2, 0, 1, 2, /* f1 */ 1, 1, 1, 1, 2, 2);
    const arena = new HistogramArena(bins, 6, gradLayout(Int32Array.of(2, 2)));
    const grad = Float64Array.of(1, 2, 3, 4, 5, 6);
    const hess = Float64Array.of(0.5, 0.5, 0.5, 0.5, 0.5, 1);
    arena.setFeatures(Int32Array.of(0, 1), 2);
    arena.setGradients(grad, hess);
    const all = arena.acquire();
    arena.build(all, 0, 6, true);
    const slots = (h: number, from: number, to: number) => Array.from({ length: to - from }, (_, s) => [...arena.f64.subarray(h + (from + s) * 3, h + (from + s) * 3 + 3)]);
    // Feature 0: missing = row 3; bin 1 = rows 0, 4; bin 2 = rows 1, 2, 5. Slots hold [g, h, n].
    expect(slots(all, 0, 3)).toEqual([[4, 0.5, 1], [6, 1, 2], [11, 2, 3]]);
    expect(slots(all, 3, 6)).toEqual([[0, 0, 0], [10, 2, 4], [11, 1.5, 2]]);
    arena.rows.set(Int32Array.of(0, 2, 4, 1, 3, 5));
    const part = arena.acquire();
    arena.build(part, 0, 3, false);
    const rest = arena.acquire();
    arena.build(rest, 3, 6, false);
    expect(slots(part, 0, 3)).toEqual([[0, 0, 0], [6, 1, 2], [3, 0.5, 1]]);
    arena.subtract(all, part);
    expect(slots(all, 0, 6)).toEqual(slots(rest, 0, 6));
    // Constant hessians: hessian sums equal counts; only the listed features are built.
    arena.setFeatures(Int32Array.of(1), 1);
    arena.setGradients(grad, null);
    arena.build(part, 0, 6, true);
    expect(slots(part, 0, 6)).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [10, 4, 4], [11, 2, 2]]);
  });

  it('builds the same histograms row by row as column by column (features with few, repeated bins)', () => {
    const rng = new Rng(5);
    const n = 300;
    // Column-major bins of 3 features: 2 value bins (+ missing), 40 bins, 6 bins; a node of every third row.
    const bins = new Uint8Array(n * 3);
    for (let i = 0; i < n; i++) {
      bins[i] = rng.next() < 0.1 ? 0 : 1 + rng.int(2);
      bins[n + i] = 1 + rng.int(40);
      bins[2 * n + i] = 1 + rng.int(6);
    }
    const layout = gradLayout(Int32Array.of(2, 40, 6));
    const grad = Float64Array.from({ length: n }, () => rng.next() - 0.5);
    const hess = Float64Array.from({ length: n }, () => rng.next());
    const node = Int32Array.from({ length: n / 3 }, (_, i) => 3 * i);
    const histograms = (rowWiseCollision: number, features: Int32Array): { rowWise: number[]; root: number[]; node: number[] } => {
      const arena = new HistogramArena(bins, n, layout, undefined, rowWiseCollision);
      arena.setFeatures(features, features.length);
      arena.setGradients(grad, hess);
      const root = arena.acquire();
      arena.build(root, 0, n, true);
      arena.rows.set(node);
      const part = arena.acquire();
      arena.build(part, 0, node.length, false);
      const read = (h: number) => [...arena.f64.subarray(h, h + arena.size)];
      return { rowWise: [...arena.rowWise], root: read(root), node: read(part) };
    };
    const columnWise = histograms(2, Int32Array.of(0, 1, 2));
    const rowWise = histograms(0, Int32Array.of(0, 1, 2));
    const mixed = histograms(ROW_WISE_COLLISION, Int32Array.of(0, 1, 2));
    expect(columnWise.rowWise).toEqual([]);
    expect(rowWise.rowWise).toEqual([0, 1, 2]);
    // Two bins (collision chance about 0.4) and six (about 0.17 < 0.2); forty stay column-wise.
    expect(mixed.rowWise).toEqual([0]);
    // Bit for bit: every slot sums the same rows in the same order either way.
    expect(rowWise.root).toEqual(columnWise.root);
    expect(rowWise.node).toEqual(columnWise.node);
    expect(mixed.node).toEqual(columnWise.node);
    // Only the chosen features are filled (the rest stays zero), row-wise too.
    const some = histograms(0, Int32Array.of(2));
    expect(some.node.slice(0, 3 * 44).every((v) => v === 0)).toBe(true);
    expect(some.node.slice(3 * 44)).toEqual(columnWise.node.slice(3 * 44));
    // Row counts of a node add up to its size for each feature.
    expect(columnWise.node.filter((_, k) => k % 3 === 2).reduce((a, b) => a + b, 0)).toBe(3 * node.length);
  });

  it('scores raw values exactly as the binned trees do (values on edges, between, missing, infinite)', () => {
    const edges: BinEdges = { edges: Float64Array.of(-1, 0, 2.5, 7, 10), offsets: Int32Array.of(0, 3, 5) };
    // Tree 0: f0 <= bin 2 (value <= 0; missing right) ? [f1 <= bin 3 (value <= +Inf, all values; missing left) ? 1 : 2] : 3
    // Tree 1: a single leaf. Tree 2: f1 <= bin 1 (value <= 7; missing left) ? 4 : 5.
    const e: Ensemble = {
      feature: Int32Array.of(0, 1, -1, -1, -1, -1, 1, -1, -1),
      threshold: Uint8Array.of(2, 3, 0, 0, 0, 0, 1, 0, 0),
      missingLeft: Uint8Array.of(0, 1, 0, 0, 0, 0, 1, 0, 0),
      left: Int32Array.of(1, 2, -1, -1, -1, -1, 7, -1, -1),
      right: Int32Array.of(4, 3, -1, -1, -1, -1, 8, -1, -1),
      value: Float64Array.of(0, 0, 1, 2, 3, 0.5, 0, 4, 5),
      roots: Int32Array.of(0, 5, 6),
    };
    const f0 = [-2, -1, -0.5, 0, -0, 1e-300, 2.5, 3, NaN, Infinity, -Infinity, 0, NaN];
    const f1 = [7, 7.0000001, NaN, 10, 11, -Infinity, Infinity, 6.9, 0, NaN, 7, Infinity, -5];
    const x = matrix([Float64Array.from(f0), Float64Array.from(f1)]);
    const n = f0.length;
    const binned = binMatrix(x, edges);
    const expected = new Float64Array(n).fill(0.25);
    for (let t = 0; t < 3; t++) addTreeScores(e, e.roots[t], binned.bins as Uint8Array, n, expected, 0);
    const raw = new Float64Array(n).fill(0.25);
    new Scorer(e, edges).addScores(x.data, n, 1, raw);
    expect([...raw]).toEqual([...expected]);
    // Spot checks by hand: row 0 (-2, 7): tree 0 leaf 1, tree 1 0.5, tree 2 leaf 4; row 8 (NaN, 0): 3 + 0.5 + 4.
    expect(raw[0]).toBe(0.25 + 1 + 0.5 + 4);
    expect(raw[8]).toBe(0.25 + 3 + 0.5 + 4);
    expect(raw[1]).toBe(0.25 + 1 + 0.5 + 5);
  });

  it('scores rows that reach leaves at very different depths in one group of rows (a 20-split chain)', () => {
    // Node 2k splits f0 at bin k + 1 (value <= k + 0.5; missing right): left is leaf 2k + 1 (value k + 1), right
    // is node 2k + 2; the last node is a leaf of value 100. A row of value v stops after ceil(v) splits.
    const depth = 20;
    const count = 2 * depth + 1;
    const feature = new Int32Array(count).fill(-1);
    const threshold = new Uint8Array(count);
    const left = new Int32Array(count).fill(-1);
    const right = new Int32Array(count).fill(-1);
    const value = new Float64Array(count);
    for (let k = 0; k < depth; k++) {
      feature[2 * k] = 0;
      threshold[2 * k] = k + 1;
      left[2 * k] = 2 * k + 1;
      right[2 * k] = 2 * k + 2;
      value[2 * k + 1] = k + 1;
    }
    value[count - 1] = 100;
    const e: Ensemble = { feature, threshold, missingLeft: new Uint8Array(count), left, right, value, roots: Int32Array.of(0, 1) };
    const edges: BinEdges = { edges: Float64Array.from({ length: depth }, (_, k) => k + 0.5), offsets: Int32Array.of(0, depth) };
    // 21 rows: two groups of eight with every depth from 1 to 21 mixed, then five one at a time.
    const f0 = Float64Array.from({ length: 21 }, (_, i) => ((i * 13) % 21) + 0.25);
    f0[3] = NaN;
    const x = matrix([f0]);
    const raw = new Float64Array(21);
    new Scorer(e, edges).addScores(x.data, 21, 1, raw);
    // Tree 0 gives ceil(v) for v < 20.5, else (and for missing) 100; tree 1 is the leaf node 1 (value 1).
    expect([...raw]).toEqual(Array.from(f0, (v) => (v < depth ? Math.ceil(v) : 100) + 1));
  });

  it('bins for a fit (WebAssembly kernel) exactly as binMatrix does: edges, -0, infinities, NaN, 254 edges, none', () => {
    const rng = new Rng(5);
    const n = 1000;
    const wide = Float64Array.from({ length: 254 }, (_, k) => k * 0.5 - 60);
    const edges: BinEdges = {
      edges: Float64Array.of(-1, 0, 2.5, 7, ...wide),
      // Column 0: four edges; column 1: 254 (bins 1..255); column 2: none (a constant column).
      offsets: Int32Array.of(0, 4, 258, 258),
    };
    const special = [NaN, Infinity, -Infinity, -0, 0, -1, 2.5, 7, 7.0000001, -1e300, 1e300, -60, -59.75, 66.5, 66.75];
    const column = (scale: number) => Float64Array.from({ length: n }, (_, i) => (i < special.length ? special[i] : rng.next() < 0.05 ? NaN : (rng.next() - 0.5) * scale));
    const x = matrix([column(20), column(140), column(3)]);
    const ours = binForFit(x, edges);
    const theirs = binMatrix(x, edges);
    expect(ours.bins).toBeInstanceOf(Uint8Array);
    expect([...ours.bins]).toEqual([...theirs.bins]);
    expect([...ours.valueBins]).toEqual([...theirs.valueBins]);
    // By hand, column 0 (edges -1, 0, 2.5, 7): NaN → 0, +Inf → 5, -Inf → 1, -0 and 0 → 2 (0 is not below 0), 7 → 4.
    expect([...ours.bins.subarray(0, 8)]).toEqual([0, 5, 1, 2, 2, 1, 3, 4]);
    // Column 2 has no edges: every value is bin 1, NaN bin 0.
    expect(ours.bins[2 * n]).toBe(0);
    expect(new Set(ours.bins.subarray(2 * n + 1, 2 * n + special.length))).toEqual(new Set([1]));
    // More than 255 bins in a column do not fit a byte: binMatrix's 16-bit bins.
    const many: BinEdges = { edges: Float64Array.from({ length: 300 }, (_, k) => k), offsets: Int32Array.of(0, 300) };
    expect(binForFit(matrix([column(600)]), many).bins).toBeInstanceOf(Uint16Array);
  });

  it('bin edges (@autopipe/trees): distinct values counted by hashing, all midpoints up to max_bins, quantiles beyond', () => {
    const column = (values: number[]) => createMatrix(values.length, ['x'], Float64Array.from(values));
    // Distinct -3, 0 (also written -0), 5, Infinity: four, so every midpoint; Infinity's is not finite, so 5.
    expect(Array.from(fitBinEdges(column([5, -0, 0, 5, Infinity, -3, 0, NaN, -3]), 4, new Rng(0)).edges)).toEqual([-1.5, 2.5, 5]);
    // Five distinct values and four bins: quantile edges from the sorted column.
    expect(Array.from(fitBinEdges(column([5, 4, 3, 2, 1]), 4, new Rng(0)).edges)).toEqual([1.5, 2.5, 3.5]);
    // 200 distinct integers, each repeated 25 times in a scrambled order: an edge between each neighbour pair.
    const ints = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 200);
    expect(Array.from(fitBinEdges(column(ints), 255, new Rng(0)).edges)).toEqual(Array.from({ length: 199 }, (_, k) => k + 0.5));
  });

  it('predicts in chunks of rows, and two models predicting in turn each get their own trees', () => {
    const rng = new Rng(9);
    // 60 columns (two carry the signal): a chunk of 2^19 values is 8,704 rows.
    const columns = (n: number, lo: number, hi: number) => Array.from({ length: 60 }, () => Float64Array.from({ length: n }, () => (rng.next() < 0.05 ? NaN : lo + rng.next() * (hi - lo))));
    const train = matrix(columns(600, 0, 1));
    const f = (m: Matrix, i: number) => Math.sin(6 * m.data[i]) + (m.data[m.rows + i] > 0.5 ? 1 : 0) + 0.1 * rng.next();
    const models = [
      fitRaw(train, { kind: 'regression', values: Float64Array.from({ length: 600 }, (_, i) => f(train, i)) }, { n_estimators: 20, early_stopping: 'false' }),
      fitRaw(train, classes(Array.from({ length: 600 }, (_, i) => (f(train, i) > 0.8 ? 2 : f(train, i) > 0.3 ? 1 : 0)), 3), { n_estimators: 15, early_stopping: 'false' }),
    ];
    // 20,001 rows: three chunks, the last one not a multiple of the 8-row groups.
    const x = matrix(columns(20_001, -0.1, 1.1));
    const reference = (m: GbmModel): Float64Array => {
      const { trees, outputs, init, bins } = m.contents;
      const binned = binMatrix(x, bins).bins as Uint8Array;
      const raw = new Float64Array(x.rows * outputs);
      for (let k = 0; k < outputs; k++) raw.fill(init[k], k * x.rows, (k + 1) * x.rows);
      for (let t = 0; t < trees.roots.length; t++) addTreeScores(trees, trees.roots[t], binned, x.rows, raw, (t % outputs) * x.rows);
      return raw;
    };
    for (const m of [...models, ...models]) expect(m.rawScores(x)).toEqual(reference(m));
  });

  it('partitions node rows stably, sending missing rows to the chosen side', () => {
    // Feature 0 bins of rows 0..7; the node holds rows 1..6 in order.
    const bins = Uint8Array.of(1, 3, 0, 1, 2, 0, 3, 1);
    const arena = new HistogramArena(bins, 8, gradLayout(Int32Array.of(3)));
    arena.rows.set(Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7));
    expect(arena.partition(1, 7, 0, 1, false)).toBe(2);
    expect([...arena.rows]).toEqual([0, 3, 1, 2, 4, 5, 6, 7]);
    arena.rows.set(Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7));
    expect(arena.partition(1, 7, 0, 2, true)).toBe(5);
    expect([...arena.rows]).toEqual([0, 2, 3, 4, 5, 1, 6, 7]);
  });

  it('grows its histogram pool past the first allocation without losing contents', () => {
    const arena = new HistogramArena(new Uint8Array(4).fill(1), 4, gradLayout(Int32Array.of(1)));
    arena.setFeatures(Int32Array.of(0), 1);
    const hs = Array.from({ length: 40 }, () => arena.acquire());
    hs.forEach((h, k) => {
      arena.setGradients(new Float64Array(4).fill(k), null);
      arena.build(h, 0, 4, true);
    });
    hs.forEach((h, k) => expect(arena.f64[h + 3]).toBe(4 * k));
  });

  it('finds the split with the largest G²/(H+λ) gain and the better missing side', () => {
    // One feature, 3 value bins: g = [missing: -3 | -2, -2, +4], h = 1 per row, one row per bin.
    const layout = gradLayout(Int32Array.of(3));
    const hist = Float64Array.of(0, 0, -3, 1, 1, -2, 1, 1, -2, 1, 1, 4, 1, 1);
    const s = new Split();
    const rules = { l2: 0, minSamplesLeaf: 1, minChildWeight: 0 };
    expect(findSplit(hist, 2, layout, Int32Array.of(0), 1, -3, 4, 4, rules, s)).toBe(true);
    // Best: {missing, b1, b2} vs {b3}: (-7)²/3 + 16/1 - 9/4.
    expect(s.threshold).toBe(2);
    expect(s.missingLeft).toBe(true);
    expect(s.gain).toBeCloseTo(49 / 3 + 16 - 9 / 4, 12);
    expect([s.gl, s.hl, s.nl, s.gr, s.hr, s.nr]).toEqual([-7, 3, 3, 4, 1, 1]);
    // λ shrinks the gain: 49/4 + 16/2 - 9/5.
    findSplit(hist, 2, layout, Int32Array.of(0), 1, -3, 4, 4, { ...rules, l2: 1 }, s);
    expect(s.gain).toBeCloseTo(49 / 4 + 8 - 9 / 5, 12);
    // min_samples_leaf 2 forbids the 3 | 1 split.
    findSplit(hist, 2, layout, Int32Array.of(0), 1, -3, 4, 4, { ...rules, minSamplesLeaf: 2 }, s);
    expect(s.nl).toBe(2);
  });

  it('median and quantile by selection', () => {
    expect(median(Float64Array.of(5, 1, 4, 2, 3), 5)).toBe(3);
    expect(median(Float64Array.of(5, 1, 4, 2), 4)).toBe(3);
    expect(quantile(Float64Array.from({ length: 11 }, (_, i) => 10 - i), 11, 0.9)).toBe(9);
  });

  it('rejects out-of-range hyperparameters with INVALID_PARAMS', async () => {
    const x = createMatrix(4, ['a'], Float64Array.of(1, 2, 3, 4));
    const y = { kind: 'regression' as const, values: Float64Array.of(1, 2, 3, 4) };
    for (const bad of [{ max_bins: 300 }, { loss: 'poisson' }, { early_stopping: 'yes' }, { subsample: 0 }, { max_leaves: 1 }, { learning_rate: -1 }]) {
      const err = await fitEstimator(gbm, x, y, bad, defaultContext(1)).catch((e) => e);
      expect(err.code).toBe('INVALID_PARAMS');
    }
  });
});
