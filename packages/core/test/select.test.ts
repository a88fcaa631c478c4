import { describe, expect, it } from 'vitest';
import { Rng, selectInPlace } from '../src/index.js';

describe('selectInPlace', () => {
  it('puts the k-th smallest at k, nothing larger before it and nothing smaller after it', () => {
    const rng = new Rng(3);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rng.next() * 300);
      // Few distinct values in half the trials: long runs of ties must not break the partition.
      const levels = trial % 2 ? 4 : 1e6;
      const a = Float64Array.from({ length: n }, () => Math.floor(rng.next() * levels) - levels / 2);
      const sorted = a.slice().sort();
      const k = Math.floor(rng.next() * n);
      selectInPlace(a, k);
      expect(a[k]).toBe(sorted[k]);
      for (let i = 0; i < k; i++) expect(a[i]).toBeLessThanOrEqual(a[k]);
      for (let i = k + 1; i < n; i++) expect(a[i]).toBeGreaterThanOrEqual(a[k]);
      expect(a.slice().sort()).toEqual(sorted);
    }
  });
});
