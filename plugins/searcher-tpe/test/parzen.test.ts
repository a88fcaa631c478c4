import { describe, expect, it } from 'vitest';
import { Rng } from '@autopipe/core';
import { erf, normalCdf } from '../src/normal.js';
import { CategoricalFrequencies, TruncatedMixture } from '../src/parzen.js';

describe('normal helpers', () => {
  it('matches tabulated erf and Φ values', () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778, 6);
    expect(erf(1)).toBeCloseTo(0.8427007929, 6);
    expect(erf(-2)).toBeCloseTo(-0.995322265, 6);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
  });
});

describe('TruncatedMixture', () => {
  it('sets bandwidths to the larger neighbour gap, clipped to [1/(n+1), 1]', () => {
    const m = new TruncatedMixture([0.4, 0.2]);
    expect(Array.from(m.mus)).toEqual([0.2, 0.4, 0.5]);
    // gaps: 0.2 → max(0.2, 0.2) = 0.2 clipped up to 1/3; 0.4 → max(0.2, 0.6) = 0.6; the prior has sd 1.
    expect(m.sigmas[0]).toBeCloseTo(1 / 3, 12);
    expect(m.sigmas[1]).toBeCloseTo(0.6, 12);
    expect(m.sigmas[2]).toBe(1);
  });

  it('is a density on [0, 1]: integrates to 1, and interval masses add up', () => {
    const m = new TruncatedMixture([0.05, 0.1, 0.12, 0.9]);
    let s = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) s += Math.exp(m.logPdf((i + 0.5) / n)) / n;
    expect(s).toBeCloseTo(1, 4);
    expect(Math.exp(m.logMass(0, 1))).toBeCloseTo(1, 6);
    expect(Math.exp(m.logMass(0, 0.3)) + Math.exp(m.logMass(0.3, 1))).toBeCloseTo(1, 6);
  });

  it('samples inside [0, 1], concentrated where the observations are', () => {
    const m = new TruncatedMixture(Array.from({ length: 30 }, (_, i) => 0.1 + i * 0.001));
    const rng = new Rng(1);
    let near = 0;
    for (let i = 0; i < 2000; i++) {
      const x = m.sample(rng);
      expect(x >= 0 && x <= 1).toBe(true);
      if (Math.abs(x - 0.115) < 0.1) near++;
    }
    // 30 of 31 components sit at ~0.1 with sd ≥ 1/31; only the prior spreads out.
    expect(near / 2000).toBeGreaterThan(0.85);
  });
});

describe('CategoricalFrequencies', () => {
  it('smooths counts with a prior spread over the choices and ignores unknown indices', () => {
    const c = new CategoricalFrequencies(4, [0, 0, 2, -1, 7], 1);
    // weights: 2.25, 0.25, 1.25, 0.25 over 4
    expect(Array.from(c.probs)).toEqual([2.25 / 4, 0.25 / 4, 1.25 / 4, 0.25 / 4]);
    expect(c.logProb(2)).toBeCloseTo(Math.log(1.25 / 4), 12);
  });
});
