import { describe, expect, it } from 'vitest';
import { type Candidate, type SearchDomain } from '@autopipe/core';
import { random, RandomSearch } from '../src/index.js';
import { finiteSpace } from '../src/finite-space.js';

const CONTINUOUS: SearchDomain = {
  estimators: [
    { key: 'lin', defaults: { c: 1 }, space: { c: { kind: 'float', low: 1e-3, high: 1e3, log: true } } },
    { key: 'tree', defaults: { depth: 6, lr: 0.1 }, space: { depth: { kind: 'int', low: 1, high: 100_000 }, lr: { kind: 'float', low: 0.01, high: 0.3 } } },
    { key: 'knn', defaults: { k: 5 }, space: { k: { kind: 'float', low: 1, high: 50 } } },
  ],
};

const FINITE: SearchDomain = {
  estimators: [
    { key: 'a', defaults: { x: 1, y: 'p' }, space: { x: { kind: 'categorical', choices: [1, 2, 3] }, y: { kind: 'categorical', choices: ['p', 'q'] } } },
    { key: 'b', defaults: { z: true }, space: { z: { kind: 'categorical', choices: [true, false] } } },
  ],
};

function askAll(domain: SearchDomain, seed: number, max: number): Candidate[] {
  const s = random.create(domain, { seed });
  const out: Candidate[] = [];
  for (let i = 0; i < max; i++) {
    const c = s.ask();
    if (!c) break;
    out.push(c);
    s.tell({ id: i, candidate: c, loss: i % 4 === 0 ? null : i, seconds: 0 });
  }
  return out;
}

const keyOf = (c: Candidate): string => JSON.stringify([c.estimator, Object.entries(c.params).sort()]);

describe('random searcher', () => {
  it('asks every estimator\'s defaults first, in domain order', () => {
    const asked = askAll(CONTINUOUS, 5, 10);
    expect(asked.slice(0, 3)).toEqual(CONTINUOUS.estimators.map((e) => ({ estimator: e.key, params: e.defaults })));
    expect(asked.slice(3).some((c) => c.params.c !== 1 && c.params.k !== 5 && c.params.depth !== 6)).toBe(true);
  });

  it('asks portfolio entries round-robin after the defaults, skipping repeats, then samples', () => {
    const domain: SearchDomain = {
      estimators: [
        { key: 'a', defaults: { x: 1, fixed: 0 }, space: { x: { kind: 'float', low: 0, high: 10 } }, portfolio: [{ x: 2, fixed: 0 }, { x: 1, fixed: 0 }, { x: 4, fixed: 7 }] },
        { key: 'b', defaults: { y: 1 }, space: { y: { kind: 'float', low: 0, high: 10 } }, portfolio: [{ y: 5 }] },
        { key: 'c', defaults: { z: 1 }, space: { z: { kind: 'float', low: 0, high: 10 } } },
      ],
    };
    const asked = askAll(domain, 3, 9);
    // a's second entry equals its defaults, so it is skipped; entries may set parameters outside the space.
    expect(asked.slice(0, 6).map((c) => `${c.estimator}${c.params.x ?? c.params.y ?? c.params.z}${c.estimator === 'a' ? `/${c.params.fixed}` : ''}`))
      .toEqual(['a1/0', 'b1', 'c1', 'a2/0', 'b5', 'a4/7']);
    expect(asked.slice(6).every((c) => !Number.isInteger(c.params.x ?? c.params.y ?? c.params.z))).toBe(true);
  });

  it('chooses estimators uniformly over 3000 asks', () => {
    const counts: Record<string, number> = { lin: 0, tree: 0, knn: 0 };
    for (const c of askAll(CONTINUOUS, 9, 3003).slice(3)) counts[c.estimator]++;
    // Binomial(3000, 1/3): sd ≈ 26, so ±130 is a 5-sigma band.
    for (const k of Object.keys(counts)) expect(Math.abs(counts[k] - 1000), `${k}: ${counts[k]}`).toBeLessThan(130);
  });

  it('exhausts a finite categorical space, then returns undefined', () => {
    const s = random.create(FINITE, { seed: 3 });
    const asked: Candidate[] = [];
    for (let c = s.ask(); c; c = s.ask()) {
      asked.push(c);
      expect(asked.length).toBeLessThanOrEqual(8);
    }
    expect(asked.length).toBe(3 * 2 + 2);
    expect(new Set(asked.map(keyOf)).size).toBe(8);
    expect(asked.filter((c) => c.estimator === 'a').map((c) => `${c.params.x}${c.params.y}`).sort()).toEqual(['1p', '1q', '2p', '2q', '3p', '3q']);
    expect(s.ask()).toBeUndefined();
  });

  it('counts a default outside the space as an extra point', () => {
    const domain: SearchDomain = { estimators: [{ key: 'a', defaults: { x: 0 }, space: { x: { kind: 'int', low: 1, high: 3 } } }] };
    expect(askAll(domain, 1, 100).map((c) => c.params.x).sort()).toEqual([0, 1, 2, 3]);
  });

  it('keeps sampling a continuous estimator once a finite one is exhausted', () => {
    const domain: SearchDomain = { estimators: [FINITE.estimators[1], CONTINUOUS.estimators[0]] };
    const asked = askAll(domain, 2, 200);
    expect(asked.length).toBe(200);
    expect(asked.filter((c) => c.estimator === 'b').length).toBe(2);
  });

  it('avoids duplicates: a 900-point integer space yields 900 distinct asks', () => {
    const domain: SearchDomain = { estimators: [{ key: 'g', defaults: { i: 1, j: 1 }, space: { i: { kind: 'int', low: 1, high: 30 }, j: { kind: 'int', low: 1, high: 30 } } }] };
    const asked = askAll(domain, 4, 2000);
    expect(asked.length).toBe(900);
    expect(new Set(asked.map(keyOf)).size).toBe(900);
  });

  it('does not re-ask a candidate it was told about', () => {
    const s = random.create(FINITE, { seed: 8 });
    s.tell({ id: 0, candidate: { estimator: 'b', params: { z: false } }, loss: 0.5, seconds: 1 });
    const asked: Candidate[] = [];
    for (let c = s.ask(); c; c = s.ask()) asked.push(c);
    expect(asked.length).toBe(7);
    expect(asked.some((c) => c.estimator === 'b' && c.params.z === false)).toBe(false);
  });

  it('is deterministic in the seed and records told results', () => {
    expect(askAll(CONTINUOUS, 21, 50)).toEqual(askAll(CONTINUOUS, 21, 50));
    expect(askAll(CONTINUOUS, 21, 50)).not.toEqual(askAll(CONTINUOUS, 22, 50));
    const s = new RandomSearch(CONTINUOUS, 1);
    const c = s.ask()!;
    s.tell({ id: 0, candidate: c, loss: null, seconds: 2, error: 'timeout' });
    expect(s.history).toEqual([{ id: 0, candidate: c, loss: null, seconds: 2, error: 'timeout' }]);
  });

  it('returns undefined at once for an empty domain', () => {
    expect(random.create({ estimators: [] }, { seed: 1 }).ask()).toBeUndefined();
  });
});

describe('finiteSpace', () => {
  it('enumerates every point exactly once, and treats continuous spaces as infinite', () => {
    const f = finiteSpace(FINITE.estimators[0].defaults, FINITE.estimators[0].space)!;
    expect(f.size).toBe(6);
    const pts = Array.from({ length: 6 }, (_, i) => `${f.point(i).x}${f.point(i).y}`);
    expect(new Set(pts).size).toBe(6);
    expect(finiteSpace({ c: 1 }, CONTINUOUS.estimators[0].space)).toBeUndefined();
    expect(finiteSpace({}, {})!.size).toBe(1);
  });
});
