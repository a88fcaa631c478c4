import { describe, expect, it } from 'vitest';
import { Rng } from '@autopipe/core';
import { gradLayout, HistogramArena, STATS } from '../src/histogram.js';
import { findSplit, Split } from '../src/split.js';

/** The float64s' bit patterns, for exact comparison (NaN payloads and -0 included). */
const bits = (v: ArrayLike<number>): number[] => Array.from(new Uint32Array(Float64Array.from(v).buffer));

/** A fit-like setting: column-major bins of `cols` features (bin 0 missing), gradients, hessians. */
function problem(n: number, valueBins: number[], seed: number) {
  const rng = new Rng(seed);
  const bins = new Uint8Array(n * valueBins.length);
  valueBins.forEach((b, j) => {
    for (let i = 0; i < n; i++) bins[j * n + i] = rng.next() < 0.05 ? 0 : 1 + rng.int(b);
  });
  const grad = Float64Array.from({ length: n }, () => rng.next() * 2 - 1);
  const hess = Float64Array.from({ length: n }, () => rng.next() * 0.25);
  return { bins, grad, hess, layout: gradLayout(Int32Array.from(valueBins)), rng };
}

describe('gbm WebAssembly kernels match their JavaScript definitions bit for bit', () => {
  it('a build over every feature (the kernel specialized for the layout) sums each slot in row order', () => {
    const n = 2000;
    // Mixed: few-valued features go row-wise, the rest column-wise.
    const { bins, grad, hess, layout } = problem(n, [2, 40, 5, 255, 3, 17], 3);
    const arena = new HistogramArena(bins, n, layout);
    expect(arena.rowWise.length).toBeGreaterThan(0);
    expect(arena.rowWise.length).toBeLessThan(6);
    const features = Int32Array.of(0, 1, 2, 3, 4, 5);
    arena.setFeatures(features, 6);
    arena.setGradients(grad, hess);
    const node = Int32Array.from({ length: 700 }, (_, i) => 2 * i + (i % 3));
    arena.rows.set(node);
    const h = arena.acquire();
    arena.build(h, 0, node.length, false);
    const expected = new Float64Array(arena.size);
    for (const i of node) {
      for (let j = 0; j < 6; j++) {
        const s = (layout.offsets[j] + bins[j * n + i]) * STATS;
        expected[s] += grad[i];
        expected[s + 1] += hess[i];
        expected[s + 2] += 1;
      }
    }
    expect(bits(arena.f64.subarray(h, h + arena.size))).toEqual(bits(expected));
  });

  it('split search finds what findSplit finds, with the same sums, under every rule', () => {
    const n = 3000;
    const { bins, grad, hess, layout, rng } = problem(n, [2, 40, 5, 255, 3, 17, 5], 4);
    // Feature 6 repeats feature 2: equal gains, where the first candidate must win.
    bins.copyWithin(6 * n, 2 * n, 3 * n);
    const arena = new HistogramArena(bins, n, layout);
    let compared = 0;
    for (let trial = 0; trial < 40; trial++) {
      // A node of random rows, over a random subset of the features; every other trial without hessians.
      const m = 20 + rng.int(n - 20);
      const rows = Int32Array.from({ length: n }, (_, i) => i).filter(() => rng.next() < m / n);
      const features = Int32Array.from({ length: 7 }, (_, j) => j).filter(() => rng.next() < 0.7);
      const h = trial % 2 === 0 ? hess : null;
      arena.setFeatures(features, features.length);
      arena.setGradients(grad, h);
      arena.rows.set(rows);
      const hist = arena.acquire();
      arena.build(hist, 0, rows.length, false);
      let G = 0;
      let H = 0;
      for (const i of rows) {
        G += grad[i];
        H += h ? h[i] : 1;
      }
      const rules = { l2: [0, 0.1, 3][trial % 3], minSamplesLeaf: [1, 5, 40][trial % 4 % 3], minChildWeight: [0, 1e-3, 2][trial % 5 % 3] };
      const js = new Split();
      const wasm = new Split();
      const found = findSplit(arena.f64, hist, layout, features, features.length, G, H, rows.length, rules, js);
      expect(arena.findSplit(hist, G, H, rows.length, rules, wasm)).toBe(found);
      expect(wasm.feature).toBe(js.feature);
      if (found) {
        expect([wasm.threshold, wasm.missingLeft]).toEqual([js.threshold, js.missingLeft]);
        expect(bits([wasm.gain, wasm.gl, wasm.hl, wasm.nl, wasm.gr, wasm.hr, wasm.nr])).toEqual(bits([js.gain, js.gl, js.hl, js.nl, js.gr, js.hr, js.nr]));
        compared++;
      }
      arena.release(hist);
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('root sums and leaf value updates add in row order', () => {
    const n = 500;
    const { bins, grad, hess, layout } = problem(n, [4, 9], 5);
    const arena = new HistogramArena(bins, n, layout, undefined, undefined, 2 * n);
    arena.setGradients(grad, hess);
    const sums = new Float64Array(2);
    arena.rootSums(null, n, sums);
    expect([...arena.rows]).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(bits(sums)).toEqual(bits([grad.reduce((a, b) => a + b, 0), hess.reduce((a, b) => a + b, 0)]));
    const sample = Int32Array.from({ length: 100 }, (_, i) => 3 * i + 1);
    arena.setGradients(grad, null);
    arena.rootSums(sample, sample.length, sums);
    expect(bits(sums)).toEqual(bits([Array.from(sample, (i) => grad[i]).reduce((a, b) => a + b, 0), 100]));
    // Scores of output 1 (at n): rows 3i + 1 get 0.1 then 0.2, the others nothing.
    arena.scores.fill(0.5);
    arena.addToScores(n, 0, 100, 0.1);
    arena.addToScores(n, 50, 100, 0.2);
    expect(arena.scores[0]).toBe(0.5);
    expect(arena.scores[n + 1]).toBe(0.5 + 0.1);
    expect(arena.scores[n + 3 * 60 + 1]).toBe(0.5 + 0.1 + 0.2);
    expect(arena.scores[n + 2]).toBe(0.5);
  });
});
