import { describe, expect, it } from 'vitest';
import { createMatrix, Rng } from '@autopipe/core';
import { binMatrix, fitBinEdges } from '../src/binning.js';
import { giniCriterion, varianceCriterion, entropyCriterion, type RowTargets } from '../src/criterion.js';
import { growTree, type GrowOptions } from '../src/grow.js';
import { buildHistogram, histogramLayout, subtractHistogram } from '../src/histogram.js';
import { applyTree } from '../src/tree.js';

const rng = new Rng(11);
const n = 2000;
const cols = 4;
// Informative columns with 15% missing values, so splits use both missing directions.
const data = Float64Array.from({ length: n * cols }, () => (rng.next() < 0.15 ? NaN : rng.normal()));
const x = createMatrix(n, ['a', 'b', 'c', 'd'], data);
const codes = Int32Array.from({ length: n }, (_, i) => ((data[i] > 0 ? 1 : 0) + (data[n + i] !== data[n + i] ? 1 : 0) + (rng.next() < 0.2 ? 1 : 0)) % 3);
const binned = binMatrix(x, fitBinEdges(x, 32, new Rng(0)));
const opts: GrowOptions = { maxDepth: 12, minSamplesLeaf: 3, minSamplesSplit: 6, minGain: 0, maxFeatures: cols, maxLeaves: 0 };

describe('growTree', () => {
  it('derives a larger child histogram by subtraction exactly for counts', () => {
    const t: RowTargets = { kind: 'class', codes, classes: 3 };
    const layout = histogramLayout(binned, 4);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const parent = new Float64Array(layout.slots * 4);
    const left = parent.slice();
    const right = parent.slice();
    buildHistogram(parent, layout, binned, t, rows, 0, n);
    buildHistogram(left, layout, binned, t, rows, 0, 700);
    buildHistogram(right, layout, binned, t, rows, 700, n);
    subtractHistogram(parent, left);
    expect(parent).toEqual(right);
  });

  it('stores in each leaf the count and class frequencies of the training rows routed to it', () => {
    for (const crit of [giniCriterion(3), entropyCriterion(3)]) {
      const { tree } = growTree(binned, { kind: 'class', codes, classes: 3 }, crit, opts, new Rng(0));
      expect(tree.feature.length).toBeGreaterThan(15);
      const leaf = applyTree(tree, binned);
      const count = new Float64Array(tree.feature.length);
      const perClass = new Float64Array(tree.feature.length * 3);
      for (let i = 0; i < n; i++) {
        count[leaf[i]]++;
        perClass[leaf[i] * 3 + codes[i]]++;
      }
      for (let node = 0; node < tree.feature.length; node++) {
        if (tree.feature[node] >= 0) continue;
        expect(tree.samples[node]).toBe(count[node]);
        for (let c = 0; c < 3; c++) expect(tree.values[node * 3 + c]).toBeCloseTo(perClass[node * 3 + c] / count[node], 12);
      }
    }
  });

  it('stores leaf means for regression and counts repeated (bootstrap) rows', () => {
    const y = Float64Array.from({ length: n }, (_, i) => (data[i] === data[i] ? data[i] * 3 : -5) + rng.normal() * 0.1);
    const rows = Int32Array.from({ length: n }, () => rng.int(n));
    const { tree, gains } = growTree(binned, { kind: 'sums', values: [y, y.map((v) => v * v)] }, varianceCriterion(0), opts, new Rng(0), rows);
    expect(tree.samples[0]).toBe(n);
    expect(gains[0]).toBeGreaterThan(gains[1] + gains[2] + gains[3]);
    const leaf = applyTree(tree, binned);
    const sum = new Float64Array(tree.feature.length);
    const count = new Float64Array(tree.feature.length);
    for (const r of rows) {
      sum[leaf[r]] += y[r];
      count[leaf[r]]++;
    }
    for (let node = 0; node < tree.feature.length; node++) {
      if (tree.feature[node] >= 0) continue;
      expect(tree.samples[node]).toBe(count[node]);
      expect(tree.values[node]).toBeCloseTo(sum[node] / count[node], 9);
    }
  });

  it('stops at the tree so far when the signal is aborted', () => {
    const ac = new AbortController();
    ac.abort();
    const { tree } = growTree(binned, { kind: 'class', codes, classes: 3 }, giniCriterion(3), { ...opts, signal: ac.signal }, new Rng(0));
    expect(tree.feature.length).toBe(1);
  });
});

describe('criteria', () => {
  it('score nodes as rows × impurity', () => {
    const s = Float64Array.from([4, 2, 2]);
    expect(giniCriterion(2).impurity(s, 0)).toBe(2); // 4 rows × gini 0.5
    expect(entropyCriterion(2).impurity(s, 0)).toBeCloseTo(4, 12); // 4 rows × 1 bit
    expect(varianceCriterion(0).impurity(Float64Array.from([4, 2, 10]), 0)).toBe(9); // Σy² − (Σy)²/n = 10 − 1
  });
});
