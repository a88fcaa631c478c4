import { describe, expect, it } from 'vitest';
import { classPrediction, type Target } from '@autopipe/core';
import { holdout, kFold, repeatedKFold } from '../src/folds.js';
import { OutOfFold } from '../src/scoring.js';

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

describe('repeatedKFold', () => {
  const y: Target = { kind: 'regression', values: Float64Array.from({ length: 40 }, (_, i) => i) };

  it('round 0 is kFold with the same seed; each round validates every row once, with a different partition', () => {
    const splits = repeatedKFold(y, 4, 3, 7);
    expect(splits).toHaveLength(12);
    expect(splits.slice(0, 4)).toEqual(kFold(y, 4, 7));
    for (let r = 0; r < 3; r++) {
      const seen = new Int32Array(40);
      for (const s of splits.slice(r * 4, r * 4 + 4)) for (const v of s.valid) seen[v]++;
      expect([...seen].every((v) => v === 1)).toBe(true);
    }
    expect(splits[4].valid).not.toEqual(splits[0].valid);
    expect(repeatedKFold(y, 4, 3, 7)).toEqual(splits);
    expect(repeatedKFold(y, 4, 1, 7)).toEqual(kFold(y, 4, 7));
    expect(() => repeatedKFold(y, 4, 0, 7)).toThrow(/repeats/);
  });
});

describe('OutOfFold', () => {
  it('averages the predictions of a row validated in several rounds; a single prediction is kept as is', () => {
    // Rows 0..3. Round 1 validates {0,1} then {2,3}; round 2 validates {0,2} then {1,3}; row 3 also gets a third value.
    const oof = new OutOfFold({ kind: 'regression', values: new Float64Array(4) });
    const put = (rows: number[], v: number[]) => oof.put(Int32Array.from(rows), { kind: 'regression', values: Float64Array.from(v) });
    put([0, 1], [1, 2]);
    put([2, 3], [3, 4]);
    put([0, 2], [5, 0.1]);
    put([1, 3], [6, 8]);
    put([3], [0]);
    const p = oof.prediction();
    // (1+5)/2, (2+6)/2, (3+0.1)/2, (4+8+0)/3
    expect(p.kind === 'regression' && Array.from(p.values)).toEqual([3, 4, 1.55, 4]);
  });

  it('averages class probabilities row by row and keeps them normalized', () => {
    const y: Target = { kind: 'classification', classes: ['a', 'b'], codes: Int32Array.from([0, 1]) };
    const oof = new OutOfFold(y);
    oof.put(Int32Array.from([0, 1]), classPrediction(['a', 'b'], Float64Array.from([0.9, 0.1, 0.4, 0.6])));
    oof.put(Int32Array.from([1, 0]), classPrediction(['a', 'b'], Float64Array.from([0.8, 0.2, 0.5, 0.5])));
    const p = oof.prediction();
    if (p.kind !== 'classification') throw new Error('expected classes');
    // Row 0: (0.9, 0.1) and (0.5, 0.5) -> (0.7, 0.3); row 1: (0.4, 0.6) and (0.8, 0.2) -> (0.6, 0.4): both now "a".
    expect(Array.from(p.proba).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0.7, 0.3, 0.6, 0.4]);
    expect(Array.from(p.labels)).toEqual([0, 0]);
  });
});
