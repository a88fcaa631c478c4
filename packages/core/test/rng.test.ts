import { describe, expect, it } from 'vitest';
import { Rng, deriveSeed } from '../src/index.js';

describe('Rng', () => {
  it('is deterministic in the seed and differs across seeds', () => {
    const draw = (s: number) => Array.from({ length: 5 }, (() => { const r = new Rng(s); return () => r.nextUint32(); })());
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('draws uniform values in [0,1) with the right mean, and ints in range', () => {
    const r = new Rng(3);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = r.next();
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.01);
    const counts = new Int32Array(7);
    for (let i = 0; i < 70_000; i++) counts[r.int(7)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('normal() has mean 0 and variance 1', () => {
    const r = new Rng(9);
    let s = 0;
    let s2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) { const v = r.normal(); s += v; s2 += v * v; }
    expect(Math.abs(s / n)).toBeLessThan(0.02);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.03);
  });

  it('shuffle is a permutation; deriveSeed separates salts', () => {
    const a = new Rng(4).shuffle(Int32Array.from({ length: 100 }, (_, i) => i));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(deriveSeed(1, 'a', 2)).toBe(deriveSeed(1, 'a', 2));
    expect(deriveSeed(1, 'a', 2)).not.toBe(deriveSeed(1, 'a2'));
    expect(deriveSeed(1, 2, 'a')).not.toBe(deriveSeed(1, 'a', 2));
  });
});
