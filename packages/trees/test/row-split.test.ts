import { describe, expect, it } from 'vitest';
import { createMatrix, Rng } from '@autopipe/core';
import { binMatrix, fitBinEdges, type BinnedMatrix } from '../src/binning.js';
import { giniCriterion, varianceCriterion, type RowTargets } from '../src/criterion.js';
import { growTree, type GrowOptions } from '../src/grow.js';
import { RowSplitter } from '../src/row-split.js';
import { SplitCandidate, SplitScratch } from '../src/split.js';
import type { Tree } from '../src/tree.js';

// A node of 8 rows on one feature with 4 value bins; rows 6 and 7 are missing (bin 0).
//   row:   0  1  2  3  4  5  6  7
//   bin:   1  1  2  2  3  4  0  0
//   class: 0  0  0  1  1  1  1  1
const tiny: BinnedMatrix = { rows: 8, cols: 1, bins: Uint8Array.from([1, 1, 2, 2, 3, 4, 0, 0]), valueBins: Int32Array.from([4]) };
const tinyClass: RowTargets = { kind: 'class', codes: Int32Array.from([0, 0, 0, 1, 1, 1, 1, 1]), classes: 2 };
const all8 = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);

describe('RowSplitter', () => {
  it('finds the best threshold and missing direction from the rows (gini, by hand)', () => {
    const crit = giniCriterion(2);
    const best = new SplitCandidate(3);
    const found = new RowSplitter(tiny, tinyClass, crit).find(all8, 0, 8, Int32Array.from([0]), 1, Float64Array.from([8, 3, 5]), 1, null, new SplitScratch(3), best);
    expect(found).toBe(true);
    // bins <= 1 left (rows 0, 1: pure class 0), missing rows right with the class-1 rows:
    // the alternative "bins <= 2 | missing right" leaves [3 zeros, 1 one] vs [0, 4]: score 10/4 + 16/4 = 6.5 < 4/2 + 5^2/6 + 1/6... check below.
    // Gains (score = Σc²/n): parent 34/8 = 4.25. t=1: left [2,0] → 2, right [1,5] → 26/6; gain = 2 + 26/6 − 4.25 = 2.0833.
    // t=2: left [3,1] → 10/4 = 2.5, right [0,4] → 4; gain = 2.25 (best). Missing left at t=2: [3,3] vs [0,2]: 3 + 2 − 4.25 = 0.75.
    expect(best.feature).toBe(0);
    expect(best.threshold).toBe(2);
    expect(best.missingLeft).toBe(false);
    expect(best.gain).toBeCloseTo(2.25, 12);
    expect([...best.left]).toEqual([4, 3, 1]);
    expect([...best.right]).toEqual([4, 0, 4]);
  });

  it('draws one threshold in the occupied range, with exact child sums (regression, missing rows)', () => {
    const y = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const t: RowTargets = { kind: 'sums', values: [y, y.map((v) => v * v)] };
    const crit = varianceCriterion(0);
    const splitter = new RowSplitter(tiny, t, crit);
    const rng = new Rng(5);
    const seen = new Set<number>();
    for (let k = 0; k < 100; k++) {
      const best = new SplitCandidate(3);
      expect(splitter.find(all8, 0, 8, Int32Array.from([0]), 1, Float64Array.from([8, 36, 204]), 1, rng, new SplitScratch(3), best)).toBe(true);
      seen.add(best.threshold);
      // Left: value rows with bin <= threshold, plus the missing rows 6 and 7 when they go left.
      let n = 0;
      let s = 0;
      let q = 0;
      for (let r = 0; r < 8; r++) {
        const b = tiny.bins[r];
        if ((b !== 0 && b <= best.threshold) || (b === 0 && best.missingLeft)) {
          n++;
          s += y[r];
          q += y[r] * y[r];
        }
      }
      expect([...best.left]).toEqual([n, s, q]);
      expect([...best.right]).toEqual([8 - n, 36 - s, 204 - q]);
    }
    // Thresholds are drawn from the lowest occupied bin to one below the highest: 1, 2, 3.
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('skips a feature constant in the node', () => {
    const best = new SplitCandidate(3);
    const rows = Int32Array.from([0, 1, 6]);
    const found = new RowSplitter(tiny, tinyClass, giniCriterion(2)).find(rows, 0, 3, Int32Array.from([0]), 1, Float64Array.from([3, 2, 1]), 1, new Rng(0), new SplitScratch(3), best);
    expect(found).toBe(false);
  });
});

// Trees grown with histograms everywhere and with the row path everywhere must be the same tree: for class
// targets the stats are integer counts, so even the gains agree exactly and every random draw lines up.
describe('growTree: row path and histogram path agree', () => {
  const rng = new Rng(21);
  const n = 3000;
  const names = ['a', 'b', 'c', 'd', 'e', 'f'];
  const data = Float64Array.from({ length: n * names.length }, () => (rng.next() < 0.1 ? NaN : rng.normal()));
  const x = createMatrix(n, names, data);
  const codes = Int32Array.from({ length: n }, (_, i) => ((data[i] > 0 ? 1 : 0) + (data[n + i] > 0.5 ? 1 : 0) + (rng.next() < 0.15 ? 1 : 0)) % 3);
  const targets: RowTargets = { kind: 'class', codes, classes: 3 };
  const base: GrowOptions = { maxDepth: Infinity, minSamplesLeaf: 1, minSamplesSplit: 2, minGain: 0, maxFeatures: names.length, maxLeaves: 0 };
  const same = (a: Tree, b: Tree): void => {
    expect(a.feature).toEqual(b.feature);
    expect(a.threshold).toEqual(b.threshold);
    expect(a.missingLeft).toEqual(b.missingLeft);
    expect(a.left).toEqual(b.left);
    expect(a.samples).toEqual(b.samples);
    expect(a.values).toEqual(b.values);
  };

  for (const maxBins of [255, 16, 1000]) {
    const binned = binMatrix(x, fitBinEdges(x, maxBins, new Rng(0)));
    for (const splitter of ['best', 'random'] as const) {
      for (const maxFeatures of [names.length, 2]) {
        it(`${splitter} splits, ${maxFeatures} features per split, ${maxBins} bins, bootstrap rows`, () => {
          const opts = { ...base, splitter, maxFeatures };
          const boot = Int32Array.from({ length: n }, () => rng.int(n)).sort();
          const grow = (rowSplitBelow: number) => growTree(binned, targets, giniCriterion(3), { ...opts, rowSplitBelow }, new Rng(9), boot);
          const hist = grow(0);
          expect(hist.tree.feature.length).toBeGreaterThan(200);
          same(grow(Infinity).tree, hist.tree);
          // the default mixes both: histograms near the root, rows below
          same(growTree(binned, targets, giniCriterion(3), opts, new Rng(9), boot).tree, hist.tree);
        });
      }
    }
  }

  it('regression: same tree shape, leaf values equal up to rounding', () => {
    const binned = binMatrix(x, fitBinEdges(x, 64, new Rng(0)));
    const y = Float64Array.from({ length: n }, (_, i) => (data[i] === data[i] ? 2 * data[i] : -1) + (data[2 * n + i] > 0 ? 1 : 0));
    const t: RowTargets = { kind: 'sums', values: [y, y.map((v) => v * v)] };
    const opts: GrowOptions = { ...base, maxDepth: 8, minSamplesLeaf: 5, splitter: 'random' };
    const a = growTree(binned, t, varianceCriterion(0), { ...opts, rowSplitBelow: 0 }, new Rng(4)).tree;
    const b = growTree(binned, t, varianceCriterion(0), { ...opts, rowSplitBelow: Infinity }, new Rng(4)).tree;
    expect(b.feature).toEqual(a.feature);
    expect(b.threshold).toEqual(a.threshold);
    for (let i = 0; i < a.values.length; i++) expect(b.values[i]).toBeCloseTo(a.values[i], 9);
  });
});
