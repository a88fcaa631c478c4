import { describe, expect, it } from 'vitest';
import { createMatrix, Rng, type Matrix } from '@autopipe/core';
import { BruteForceIndex } from '../src/brute-force.js';
import { KdTreeIndex } from '../src/kd-tree.js';
import type { NeighborIndex } from '../src/neighbors.js';
import { matrix } from './helpers.js';

// Query (0, 0). Row 1 (1.2, 1.2) is nearest in Euclidean distance (√2.88 ≈ 1.697 < 2) but second in
// Manhattan distance (2.4 > 2), so the two metrics order the first two neighbours differently.
const TINY = matrix([[2, 0], [1.2, 1.2], [-3, 0], [0, -2.5], [4, 4]]);
const ORIGIN = matrix([[0, 0]]);

function indexes(x: Matrix): NeighborIndex[] {
  return [BruteForceIndex.build(x), KdTreeIndex.build(x, 1), KdTreeIndex.build(x, 30)];
}

/** Sorts every training row by (distance, row): the definition the indexes must reproduce. */
function naive(x: Matrix, q: Matrix, i: number, k: number, p: number): { row: number[]; dist: number[] } {
  const all = Array.from({ length: x.rows }, (_, r) => {
    let acc = 0;
    for (let j = 0; j < x.cols; j++) {
      const diff = q.data[j * q.rows + i] - x.data[j * x.rows + r];
      acc += p === 2 ? diff * diff : Math.abs(diff);
    }
    return { r, d: p === 2 ? Math.sqrt(acc) : acc };
  }).sort((a, b) => a.d - b.d || a.r - b.r).slice(0, k);
  return { row: all.map((a) => a.r), dist: all.map((a) => a.d) };
}

function randomMatrix(rows: number, cols: number, draw: () => number): Matrix {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = draw();
  return createMatrix(rows, Array.from({ length: cols }, (_, j) => `x${j}`), data);
}

describe('neighbour search by hand', () => {
  for (const index of indexes(TINY)) {
    it(`Euclidean: rows 1, 0, 3, 2, 4 with distances √2.88, 2, 2.5, 3, √32 (${index.kind})`, () => {
      const nb = index.query(ORIGIN, 5, 2);
      expect(Array.from(nb.row)).toEqual([1, 0, 3, 2, 4]);
      expect(Array.from(nb.dist)).toEqual([Math.sqrt(2.88), 2, 2.5, 3, Math.sqrt(32)]);
    });
    it(`Manhattan: rows 0, 1, 3, 2, 4 with distances 2, 2.4, 2.5, 3, 8 (${index.kind})`, () => {
      const nb = index.query(ORIGIN, 5, 1);
      expect(Array.from(nb.row)).toEqual([0, 1, 3, 2, 4]);
      expect(Array.from(nb.dist)).toEqual([2, 2.4, 2.5, 3, 8]);
    });
    it(`k = 2 keeps only the two nearest (${index.kind})`, () => {
      expect(Array.from(index.query(ORIGIN, 2, 2).row)).toEqual([1, 0]);
      expect(Array.from(index.query(ORIGIN, 2, 1).row)).toEqual([0, 1]);
    });
  }

  it('breaks distance ties by the lower training row, whatever the visiting order', () => {
    // Four points at distance 1 from the origin, listed so the KD-tree meets high rows first.
    const x = matrix([[5, 5], [0, -1], [-1, 0], [0, 1], [1, 0], [6, 6]]);
    for (const index of indexes(x)) {
      expect(Array.from(index.query(ORIGIN, 2, 2).row)).toEqual([1, 2]);
      expect(Array.from(index.query(ORIGIN, 3, 1).row)).toEqual([1, 2, 3]);
    }
  });

  it('rejects queries with another number of columns', () => {
    for (const index of indexes(TINY)) expect(() => index.query(matrix([[0, 0, 0]]), 1, 2)).toThrow(/fitted on 2 columns/);
  });
});

describe('KD-tree and brute force return identical neighbours', () => {
  const rng = new Rng(3);
  const cases = [
    // Integer grid values: many exact distance ties, which both must break by row index.
    { name: 'integer grid (many ties)', draw: () => rng.int(4) },
    { name: 'continuous', draw: () => rng.normal() },
  ];
  for (const c of cases) {
    for (const p of [1, 2]) {
      it(`1000 × 5 training points, 400 queries, k = 7, p = ${p}: ${c.name}`, () => {
        const x = randomMatrix(1000, 5, c.draw);
        const q = randomMatrix(400, 5, c.draw);
        const brute = BruteForceIndex.build(x).query(q, 7, p);
        for (const leaf of [1, 8, 30]) {
          const kd = KdTreeIndex.build(x, leaf).query(q, 7, p);
          expect(kd.row).toEqual(brute.row);
          expect(kd.dist).toEqual(brute.dist);
        }
        for (const i of [0, 1, 99, 250, 399]) {
          const ref = naive(x, q, i, 7, p);
          expect(Array.from(brute.row.subarray(i * 7, i * 7 + 7))).toEqual(ref.row);
          expect(Array.from(brute.dist.subarray(i * 7, i * 7 + 7))).toEqual(ref.dist);
        }
      });
    }
  }

  it('agree when k is every training row and when queries are training rows', () => {
    const x = randomMatrix(60, 3, () => rng.int(3));
    const brute = BruteForceIndex.build(x).query(x, 60, 2);
    const kd = KdTreeIndex.build(x, 4).query(x, 60, 2);
    expect(kd.row).toEqual(brute.row);
    for (let i = 0; i < 60; i++) expect(brute.dist[i * 60]).toBe(0);
  });

  it('cross the blocks of brute force (more than 1024 training rows and 16 queries)', () => {
    const x = randomMatrix(2500, 2, () => rng.int(20));
    const q = randomMatrix(37, 2, () => rng.int(20));
    const brute = BruteForceIndex.build(x).query(q, 12, 1);
    expect(KdTreeIndex.build(x, 30).query(q, 12, 1).row).toEqual(brute.row);
    for (const i of [0, 16, 36]) expect(Array.from(brute.row.subarray(i * 12, i * 12 + 12))).toEqual(naive(x, q, i, 12, 1).row);
  });
});
