import { describe, expect, it } from 'vitest';
import { Rng } from '@autopipe/core';
import { giniCriterion } from '../src/criterion.js';
import { bootstrapRows, outOfBagRows } from '../src/sample.js';
import { findRandomSplit, SplitCandidate, SplitScratch } from '../src/split.js';
import type { HistogramLayout } from '../src/histogram.js';

// One feature, 6 value bins; the node's rows sit in bins 2..5 (bins 1 and 6 empty), 2 missing rows of class 1.
// Slots: [count, class 0, class 1] for bins 0 (missing) .. 6.
const hist = Float64Array.from([2, 0, 2, 0, 0, 0, 3, 3, 0, 1, 1, 0, 2, 0, 2, 2, 0, 2, 0, 0, 0]);
const layout: HistogramLayout = { offsets: Int32Array.from([0]), slots: 7, stats: 3 };
const parent = Float64Array.from([10, 4, 6]);
const crit = giniCriterion(2);

describe('findRandomSplit', () => {
  it('draws thresholds only between the lowest and one below the highest occupied bin, with exact child stats', () => {
    const seen = new Set<number>();
    const rng = new Rng(1);
    for (let k = 0; k < 200; k++) {
      const best = new SplitCandidate(3);
      expect(findRandomSplit(hist, layout, Int32Array.from([6]), parent, Int32Array.from([0]), 1, crit, 1, rng, new SplitScratch(3), best)).toBe(true);
      seen.add(best.threshold);
      // left = value bins 2..t (+ missing if missingLeft); check the counts by hand
      const byBin = [0, 0, 3, 1, 2, 2];
      let left = 0;
      for (let b = 2; b <= best.threshold; b++) left += byBin[b];
      expect(best.left[0]).toBe(left + (best.missingLeft ? 2 : 0));
      expect(best.left[0] + best.right[0]).toBe(10);
      expect(best.gain).toBeCloseTo(crit.score(best.left, 0) + crit.score(best.right, 0) - crit.score(parent, 0), 12);
    }
    expect([...seen].sort()).toEqual([2, 3, 4]);
  });

  it('skips features constant in the node', () => {
    const constant = Float64Array.from([0, 0, 0, 0, 0, 0, 4, 2, 2, 0, 0, 0]);
    const l: HistogramLayout = { offsets: Int32Array.from([0]), slots: 4, stats: 3 };
    const best = new SplitCandidate(3);
    expect(findRandomSplit(constant, l, Int32Array.from([3]), Float64Array.from([4, 2, 2]), Int32Array.from([0]), 1, crit, 1, new Rng(0), new SplitScratch(3), best)).toBe(false);
  });
});

describe('bootstrap rows', () => {
  it('draws sorted rows with replacement, and the out-of-bag rows are exactly the rest', () => {
    const rows = bootstrapRows(1000, 1000, new Rng(3));
    expect(rows.length).toBe(1000);
    for (let i = 1; i < rows.length; i++) expect(rows[i]).toBeGreaterThanOrEqual(rows[i - 1]);
    const inBag = new Set(rows);
    // about 1 - 1/e of the rows are drawn at least once
    expect(inBag.size / 1000).toBeGreaterThan(0.6);
    expect(inBag.size / 1000).toBeLessThan(0.67);
    const oob = outOfBagRows(1000, rows);
    expect(oob.length + inBag.size).toBe(1000);
    for (const r of oob) expect(inBag.has(r)).toBe(false);
    expect(bootstrapRows(1000, 1000, new Rng(3))).toEqual(rows);
  });
});

describe('histograms of drawn features only', () => {
  it('match the full histogram on those features and leave the other slots alone', async () => {
    const { createMatrix } = await import('@autopipe/core');
    const { binMatrix, fitBinEdges } = await import('../src/binning.js');
    const { buildHistogram, histogramLayout } = await import('../src/histogram.js');
    const r = new Rng(2);
    const n = 500;
    const x = createMatrix(n, ['a', 'b', 'c', 'd'], Float64Array.from({ length: 4 * n }, () => (r.next() < 0.1 ? NaN : r.normal())));
    const binned = binMatrix(x, fitBinEdges(x, 16, new Rng(0)));
    const t = { kind: 'class' as const, codes: Int32Array.from({ length: n }, () => r.int(3)), classes: 3 };
    const layout = histogramLayout(binned, 4);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const full = new Float64Array(layout.slots * 4);
    buildHistogram(full, layout, binned, t, rows, 100, 400);
    const part = new Float64Array(layout.slots * 4).fill(7);
    buildHistogram(part, layout, binned, t, rows, 100, 400, Int32Array.from([3, 1, 0, 2]), 2);
    for (const j of [0, 1, 2, 3]) {
      const from = layout.offsets[j] * 4;
      const to = (layout.offsets[j] + binned.valueBins[j] + 1) * 4;
      if (j === 1 || j === 3) expect(part.slice(from, to)).toEqual(full.slice(from, to));
      else expect(part.slice(from, to).every((v) => v === 7)).toBe(true);
    }
  });
});
