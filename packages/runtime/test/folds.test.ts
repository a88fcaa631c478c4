import { describe, expect, it } from 'vitest';
import type { Target } from '@autopipe/core';
import { holdout, kFold } from '../src/folds.js';

const cls = (codes: number[]): Target => ({ kind: 'classification', classes: ['a', 'b', 'c'], codes: Int32Array.from(codes) });

describe('kFold', () => {
  it('partitions every row into exactly one validation fold', () => {
    const y = cls(Array.from({ length: 103 }, (_, i) => i % 3));
    const splits = kFold(y, 5, 1);
    const seen = new Int32Array(103);
    for (const s of splits) {
      for (const r of s.valid) seen[r]++;
      expect(s.train.length + s.valid.length).toBe(103);
      expect(new Set([...s.train, ...s.valid]).size).toBe(103);
    }
    expect([...seen].every((v) => v === 1)).toBe(true);
  });

  it('stratifies: each fold has each class within one row of its share', () => {
    const codes = Array.from({ length: 200 }, (_, i) => (i < 20 ? 2 : i < 80 ? 1 : 0));
    for (const s of kFold(cls(codes), 5, 3)) {
      const counts = [0, 0, 0];
      for (const r of s.valid) counts[codes[r]]++;
      expect(counts[0]).toBeGreaterThanOrEqual(23);
      expect(counts[0]).toBeLessThanOrEqual(25);
      expect(counts[1]).toBeGreaterThanOrEqual(11);
      expect(counts[1]).toBeLessThanOrEqual(13);
      expect(counts[2]).toBeGreaterThanOrEqual(3);
      expect(counts[2]).toBeLessThanOrEqual(5);
    }
  });

  it('is deterministic in the seed and differs across seeds', () => {
    const y: Target = { kind: 'regression', values: Float64Array.from({ length: 50 }, (_, i) => i) };
    expect(kFold(y, 5, 9)).toEqual(kFold(y, 5, 9));
    expect(kFold(y, 5, 9)[0].valid).not.toEqual(kFold(y, 5, 10)[0].valid);
  });

  it('rejects fewer than 2 folds or more folds than rows', () => {
    const y = cls([0, 1, 2]);
    expect(() => kFold(y, 1, 1)).toThrow(/at least 2/);
    expect(() => kFold(y, 4, 1)).toThrow(/more than the 3 rows/);
  });

  it('holdout keeps about the asked fraction, stratified', () => {
    const codes = Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const [s] = holdout(cls(codes), 0.2, 1);
    expect(s.valid.length).toBe(200);
    expect(Array.from(s.valid).filter((r) => codes[r] === 1).length).toBe(50);
  });
});
