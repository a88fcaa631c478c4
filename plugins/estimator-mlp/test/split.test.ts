import { describe, expect, it } from 'vitest';
import { Rng } from '@autopipe/core';
import { validationSplit } from '../src/split.js';

describe('validationSplit', () => {
  it('stratifies: each class gives round(fraction · count) rows, and the parts partition the rows', () => {
    const codes = Int32Array.from({ length: 100 }, (_, i) => (i < 80 ? 0 : i < 95 ? 1 : 2)); // 80 / 15 / 5
    const { train, valid } = validationSplit(100, 0.2, new Rng(1), codes);
    const count = (rows: Int32Array, c: number) => Array.from(rows).filter((i) => codes[i] === c).length;
    expect([count(valid, 0), count(valid, 1), count(valid, 2)]).toEqual([16, 3, 1]);
    expect([...train, ...valid].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('is seeded: same seed, same split; another seed, another split', () => {
    const a = validationSplit(50, 0.1, new Rng(7));
    expect(validationSplit(50, 0.1, new Rng(7))).toEqual(a);
    expect(Array.from(validationSplit(50, 0.1, new Rng(8)).valid)).not.toEqual(Array.from(a.valid));
    expect(a.valid.length).toBe(5);
  });

  it('gives everything to training when the fraction is 0', () => {
    expect(validationSplit(10, 0, new Rng(1)).valid.length).toBe(0);
  });
});
