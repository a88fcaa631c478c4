import { describe, expect, it } from 'vitest';
import { Rng } from '@autopipe/core';
import { median, medianInPlace } from '../src/numeric-stats.js';
import { kthSmallest } from '../src/select-kth.js';

/** What the quickselect median replaced: the middle of a sorted copy. */
function sortedMedian(values: Float64Array): number {
  const s = values.slice().sort();
  const n = s.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

const present = (a: Float64Array) => a.filter((v) => v === v);
const sameBits = (a: number, b: number) => expect(Object.is(a, b), `${a} vs ${b}`).toBe(true);

describe('linear-time median', () => {
  it('equals the sort-based median bit for bit on random data with NaNs, ties, infinities and signed zeros', () => {
    const rng = new Rng(7);
    const pools = [
      () => rng.next() * 100 - 50,
      () => Math.floor(rng.next() * 4),
      () => (rng.next() < 0.5 ? 0 : 1),
      () => [0, -0, 1, -1][Math.floor(rng.next() * 4)],
      () => [-0, 0][Math.floor(rng.next() * 2)],
      () => [Infinity, -Infinity, 3, Math.round(rng.next() * 1e4) / 1e4][Math.floor(rng.next() * 4)],
    ];
    for (let trial = 0; trial < 600; trial++) {
      const n = 1 + Math.floor(rng.next() * (trial % 10 === 0 ? 5000 : 40));
      const draw = pools[trial % pools.length];
      const col = Float64Array.from({ length: n }, () => (rng.next() < 0.1 ? NaN : draw()));
      const p = present(col);
      const want = sortedMedian(p);
      sameBits(median(p), want);
      sameBits(medianInPlace(p.slice()), want);
    }
  });

  it('stays exact on sorted, reversed and constant inputs', () => {
    for (const n of [1, 2, 3, 10, 1001, 4096]) {
      const up = Float64Array.from({ length: n }, (_, i) => i);
      sameBits(median(up), sortedMedian(up));
      sameBits(median(up.slice().reverse()), sortedMedian(up));
      sameBits(median(new Float64Array(n).fill(2.5)), 2.5);
    }
    expect(median(new Float64Array(0))).toBeNaN();
  });

  it('gives every order statistic as sort does', () => {
    const rng = new Rng(3);
    const a = Float64Array.from({ length: 257 }, () => Math.floor(rng.next() * 9) - 4 || (rng.next() < 0.5 ? -0 : 0));
    const s = a.slice().sort();
    for (let k = 0; k < a.length; k++) sameBits(kthSmallest(a.slice(), k), s[k]);
  });
});
