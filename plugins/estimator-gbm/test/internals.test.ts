import { describe, expect, it } from 'vitest';
import { fitEstimator, defaultContext, createMatrix } from '@autopipe/core';
import { gradLayout, HistogramArena } from '../src/histogram.js';
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
    arena.build(all, 0, 6, true, 2);
    const slots = (h: number, from: number, to: number) => Array.from({ length: to - from }, (_, s) => [...arena.f64.subarray(h + (from + s) * 3, h + (from + s) * 3 + 3)]);
    // Feature 0: missing = row 3; bin 1 = rows 0, 4; bin 2 = rows 1, 2, 5. Slots hold [g, h, n].
    expect(slots(all, 0, 3)).toEqual([[4, 0.5, 1], [6, 1, 2], [11, 2, 3]]);
    expect(slots(all, 3, 6)).toEqual([[0, 0, 0], [10, 2, 4], [11, 1.5, 2]]);
    arena.rows.set(Int32Array.of(0, 2, 4, 1, 3, 5));
    const part = arena.acquire();
    arena.build(part, 0, 3, false, 2);
    const rest = arena.acquire();
    arena.build(rest, 3, 6, false, 2);
    expect(slots(part, 0, 3)).toEqual([[0, 0, 0], [6, 1, 2], [3, 0.5, 1]]);
    arena.subtract(all, part);
    expect(slots(all, 0, 6)).toEqual(slots(rest, 0, 6));
    // Constant hessians: hessian sums equal counts; only the listed features are built.
    arena.setFeatures(Int32Array.of(1), 1);
    arena.setGradients(grad, null);
    arena.build(part, 0, 6, true, 1);
    expect(slots(part, 0, 6)).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [10, 4, 4], [11, 2, 2]]);
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
      arena.build(h, 0, 4, true, 1);
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
