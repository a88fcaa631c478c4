import { describe, expect, it } from 'vitest';
import { createMatrix, Rng } from '@autopipe/core';
import { binMatrix, binOf, fitBinEdges, MISSING_BIN } from '../src/binning.js';

const column = (values: number[]) => createMatrix(values.length, ['x'], Float64Array.from(values));

describe('binning', () => {
  it('puts edges at midpoints of distinct values when there are few, and NaN in bin 0', () => {
    const x = column([3, 1, 2, NaN, 2]);
    const e = fitBinEdges(x, 255, new Rng(0));
    expect(Array.from(e.edges)).toEqual([1.5, 2.5]);
    expect(Array.from(e.offsets)).toEqual([0, 2]);
    const b = binMatrix(x, e);
    expect(Array.from(b.bins)).toEqual([3, 1, 2, MISSING_BIN, 2]);
    expect(Array.from(b.valueBins)).toEqual([3]);
    expect(b.bins).toBeInstanceOf(Uint8Array);
  });

  it('uses quantile edges when there are more distinct values than bins', () => {
    const x = column(Array.from({ length: 100 }, (_, i) => 100 - i)); // 100..1, order must not matter
    const e = fitBinEdges(x, 4, new Rng(0));
    expect(Array.from(e.edges)).toEqual([25.5, 50.5, 75.5]);
    expect(binOf(e, 0, 25)).toBe(1);
    expect(binOf(e, 0, 25.5)).toBe(1); // an edge belongs to the lower bin: bin <= t means value <= edge
    expect(binOf(e, 0, 26)).toBe(2);
    expect(binOf(e, 0, 100)).toBe(4);
    expect(binOf(e, 0, -1e300)).toBe(1);
    expect(binOf(e, 0, Infinity)).toBe(4);
    expect(binOf(e, 0, NaN)).toBe(MISSING_BIN);
  });

  it('keeps tied values in one bin', () => {
    const values = [...Array.from({ length: 60 }, () => 0), ...Array.from({ length: 40 }, (_, i) => i + 1)];
    const e = fitBinEdges(column(values), 4, new Rng(0));
    // quantile positions 25 and 50 both fall inside the block of zeros: one edge at 0, then 15.5 at position 75
    expect(Array.from(e.edges)).toEqual([0, 15.5]);
  });

  it('gives an all-missing or constant column a single value bin', () => {
    const x = createMatrix(3, ['a', 'b'], Float64Array.from([NaN, NaN, NaN, 7, 7, 7]));
    const e = fitBinEdges(x, 255, new Rng(0));
    expect(Array.from(e.offsets)).toEqual([0, 0, 0]);
    const b = binMatrix(x, e);
    expect(Array.from(b.bins)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(b.valueBins)).toEqual([1, 1]);
  });

  it('maps values through the lookup table exactly like a plain binary search', () => {
    const rng = new Rng(3);
    const n = 5000;
    const train = createMatrix(n, ['a', 'b'], Float64Array.from({ length: 2 * n }, (_, i) => (i < n ? rng.normal() : Math.exp(3 * rng.normal()))));
    const e = fitBinEdges(train, 255, new Rng(0));
    expect(e.offsets[1]).toBe(254);
    // Test values: the edges themselves, their float neighbours, extremes and fresh draws.
    const probe: number[] = [];
    for (const v of e.edges) probe.push(v, v * (1 + 1e-15) + 1e-300, v * (1 - 1e-15) - 1e-300);
    probe.push(-Infinity, Infinity, -1e308, 1e308, 0, -0, NaN);
    for (let i = 0; i < 2000; i++) probe.push(rng.normal() * 5);
    const m = probe.length;
    const x = createMatrix(m, ['a', 'b'], Float64Array.from([...probe, ...probe]));
    const b = binMatrix(x, e);
    for (let j = 0; j < 2; j++) for (let i = 0; i < m; i++) expect(b.bins[j * m + i]).toBe(binOf(e, j, probe[i]));
  });

  it('quantiles a seeded row sample when there are many rows, deterministically', () => {
    const rng = new Rng(9);
    const x = column(Array.from({ length: 3000 }, () => rng.normal()));
    const a = fitBinEdges(x, 16, new Rng(1), 500);
    const b = fitBinEdges(x, 16, new Rng(1), 500);
    expect(a.edges).toEqual(b.edges);
    expect(a.edges.length).toBe(15);
    expect(Math.abs(a.edges[7])).toBeLessThan(0.2); // the sample median is near 0
  });

  it('stores bins as Uint16 when more than 255 value bins are asked for', () => {
    const x = column(Array.from({ length: 1000 }, (_, i) => i));
    const e = fitBinEdges(x, 1000, new Rng(0));
    const b = binMatrix(x, e);
    expect(b.bins).toBeInstanceOf(Uint16Array);
    expect(b.bins[999]).toBe(1000);
  });

  it('rejects a bad max_bins and a matrix with another column count', () => {
    expect(() => fitBinEdges(column([1, 2]), 1, new Rng(0))).toThrow(/max_bins/);
    const e = fitBinEdges(column([1, 2]), 255, new Rng(0));
    expect(() => binMatrix(createMatrix(1, ['a', 'b'], new Float64Array(2)), e)).toThrow(/trained on 1 columns/);
  });
});
