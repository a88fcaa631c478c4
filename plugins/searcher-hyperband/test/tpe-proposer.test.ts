import { describe, expect, it } from 'vitest';
import { Rng, type SearchDomain } from '@autopipe/core';
import { TpeProposer } from '../src/tpe-proposer.js';
import { LINE } from './fixtures.js';

const MIXED: SearchDomain = {
  estimators: [{ key: 'm', defaults: { x: 0.5, k: 'a', n: 3 }, space: { x: { kind: 'float', low: 0, high: 1 }, k: { kind: 'categorical', choices: ['a', 'b', 'c'] }, n: { kind: 'int', low: 1, high: 9 } } }],
};

/** Proposals that are not exploration draws, from `tries` attempts. */
function proposals(t: TpeProposer, domain: SearchDomain, tries: number, seed = 1) {
  const rng = new Rng(seed);
  const out = [];
  for (let i = 0; i < tries; i++) {
    const p = t.propose(domain.estimators[0], rng);
    if (p) out.push(p);
  }
  return out;
}

describe('TPE proposer', () => {
  it('proposes nothing until an estimator has enough successful results', () => {
    const t = new TpeProposer(LINE, { randomFraction: 0 });
    for (let i = 0; i < 5; i++) t.observe('line', { x: i / 5 }, 1, i);
    t.observe('line', { x: 0.9 }, 1, null);
    expect(proposals(t, LINE, 10)).toEqual([]);
    t.observe('line', { x: 0.95 }, 1, 3);
    expect(proposals(t, LINE, 10)).toHaveLength(10);
  });

  it('concentrates around the good region of a numeric and a categorical parameter', () => {
    const t = new TpeProposer(MIXED, { randomFraction: 0 });
    const rng = new Rng(9);
    for (let i = 0; i < 40; i++) {
      const x = rng.next();
      const k = ['a', 'b', 'c'][rng.int(3)];
      t.observe('m', { x, k, n: 1 + rng.int(9) }, 1 / 3, (x - 0.2) ** 2 + (k === 'c' ? 0 : 0.3));
    }
    const got = proposals(t, MIXED, 40);
    const meanDist = got.reduce((s, p) => s + Math.abs((p.x as number) - 0.2), 0) / got.length;
    // Uniform draws are on average 0.34 away from 0.2; half of that is a clear pull.
    expect(meanDist).toBeLessThan(0.17);
    expect(got.filter((p) => p.k === 'c').length / got.length).toBeGreaterThan(0.6);
    for (const p of got) expect(Number.isInteger(p.n) && (p.n as number) >= 1 && (p.n as number) <= 9).toBe(true);
  });

  it('models the highest fidelity that has enough results', () => {
    const t = new TpeProposer(LINE, { randomFraction: 0 });
    // Low fidelity says 0.9 is best; full fidelity, with enough results, says 0.1.
    for (let i = 0; i <= 20; i++) t.observe('line', { x: i / 20 }, 1 / 27, Math.abs(i / 20 - 0.9));
    for (let i = 0; i <= 10; i++) t.observe('line', { x: i / 10 }, 1, Math.abs(i / 10 - 0.1));
    const got = proposals(t, LINE, 20).map((p) => p.x as number);
    expect(got.reduce((a, b) => a + b, 0) / got.length).toBeLessThan(0.35);
  });

  it('leaves a share of the draws to random search', () => {
    const t = new TpeProposer(LINE);
    for (let i = 0; i < 20; i++) t.observe('line', { x: i / 20 }, 1, i);
    const n = proposals(t, LINE, 300).length;
    expect(n).toBeGreaterThan(170);
    expect(n).toBeLessThan(230);
  });
});
