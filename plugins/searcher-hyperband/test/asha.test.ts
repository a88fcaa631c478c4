import { describe, expect, it } from 'vitest';
import type { Candidate, SearchDomain } from '@autopipe/core';
import { AshaSearch } from '../src/asha-search.js';
import { createAsha } from '../src/asha.js';
import { halving } from '../src/rungs.js';
import { LINE, askMany, runSequential, x } from './fixtures.js';

const tell = (s: AshaSearch, c: Candidate, loss: number | null, id = 0) => s.tell({ id, candidate: c, loss, seconds: 0.01 });

describe('asha', () => {
  it('promotes exactly the top 1/η of a rung, best first, then samples anew', () => {
    const s = new AshaSearch(LINE, 1, halving({ fullFirst: 0 }));
    const first = askMany(s, 9);
    expect(first.every((c) => c.fidelity === 1 / 27)).toBe(true);
    const losses = [5, 3, 8, 1, 9, 2, 7, 4, 6];
    first.forEach((c, i) => tell(s, c, losses[i], i));
    // 9 results, η = 3: the three with losses 1, 2, 3 go up one rung, in that order.
    expect(s.promotable(0)).toEqual([3, 5, 1]);
    const next = askMany(s, 4);
    expect(next.slice(0, 3).map((c) => c.fidelity)).toEqual([1 / 9, 1 / 9, 1 / 9]);
    expect(next.slice(0, 3).map(x)).toEqual([x(first[3]), x(first[5]), x(first[1])]);
    expect(next[3].fidelity).toBe(1 / 27);
    expect(first.map(x)).not.toContain(x(next[3]));
  });

  it('promotes as results arrive: nothing with fewer than η results, one at η, no repeats', () => {
    const s = new AshaSearch(LINE, 2, halving({ fullFirst: 0 }));
    const asked = askMany(s, 3);
    tell(s, asked[0], 0.4);
    tell(s, asked[1], 0.2);
    expect(s.promotable(0)).toEqual([]);
    tell(s, asked[2], 0.9);
    expect(s.promotable(0)).toEqual([1]);
    const up = s.ask()!;
    expect([up.fidelity, x(up)]).toEqual([1 / 9, x(asked[1])]);
    expect(s.promotable(0)).toEqual([]);
    expect(s.ask()!.fidelity).toBe(1 / 27);
  });

  it('never waits: many asks before any tell all get distinct new configurations at the lowest rung', () => {
    const s = new AshaSearch(LINE, 3, halving());
    const asked = askMany(s, 40);
    // The first configuration (the defaults) goes straight to full fidelity so every run has a leader.
    expect(asked[0]).toEqual({ estimator: 'line', params: { x: 0.5 }, fidelity: 1 });
    expect(asked.slice(1).every((c) => c.fidelity === 1 / 27)).toBe(true);
    expect(new Set(asked.map(x)).size).toBe(40);
  });

  it('never promotes failed trials, even when they are most of a rung', () => {
    const s = new AshaSearch(LINE, 4, halving({ fullFirst: 0 }));
    const asked = askMany(s, 6);
    asked.forEach((c, i) => tell(s, c, i === 2 ? 0.7 : null, i));
    // Six finished, quota two; only one succeeded.
    expect(s.promotable(0)).toEqual([2]);
    const all = new AshaSearch(LINE, 4, halving({ fullFirst: 0 }));
    askMany(all, 9).forEach((c, i) => tell(all, c, null, i));
    expect(all.promotable(0)).toEqual([]);
    expect(all.ask()!.fidelity).toBe(1 / 27);
  });

  it('climbs to fidelity 1, only with configurations that went through every rung', () => {
    const s = new AshaSearch(LINE, 5, halving({ fullFirst: 0 }));
    const asked = runSequential(s, 120, (c) => (x(c) - 0.3) ** 2);
    const byX = new Map<number, number[]>();
    for (const c of asked) byX.set(x(c), [...(byX.get(x(c)) ?? []), c.fidelity!]);
    const full = [...byX].filter(([, f]) => f.includes(1));
    expect(full.length).toBeGreaterThan(0);
    for (const [, f] of full) expect(f).toEqual([1 / 27, 1 / 9, 1 / 3, 1]);
    // The top rung needs three results on each rung below it at least; a new leader of a rung is promoted even when
    // the rung's quota was already used, so it takes fewer than the 27 + 9 + 3 asks of synchronous halving.
    const first = asked.findIndex((c) => c.fidelity === 1);
    expect(first).toBeGreaterThanOrEqual(9);
    expect(first).toBeLessThanOrEqual(39);
    expect(Math.max(...asked.map((c) => c.fidelity!))).toBe(1);
  });

  it('asks every estimator\'s defaults (cheapest first), then portfolio round-robin, then alternates estimators', () => {
    const domain: SearchDomain = {
      estimators: [
        { key: 'slow', defaults: { a: 1 }, space: { a: { kind: 'int', low: 1, high: 100 } }, portfolio: [{ a: 7 }, { a: 9 }], cost: 10 },
        { key: 'fast', defaults: { b: 0.5 }, space: { b: { kind: 'float', low: 0, high: 1 } }, portfolio: [{ b: 0.25 }], cost: 1 },
      ],
    };
    const asked = askMany(new AshaSearch(domain, 6, halving()), 9);
    expect(asked.slice(0, 5).map((c) => [c.estimator, c.params, c.fidelity])).toEqual([
      ['fast', { b: 0.5 }, 1], ['slow', { a: 1 }, 1 / 27], ['fast', { b: 0.25 }, 1 / 27], ['slow', { a: 7 }, 1 / 27], ['slow', { a: 9 }, 1 / 27],
    ]);
    expect(asked.slice(5).map((c) => c.estimator)).toEqual(['fast', 'slow', 'fast', 'slow']);
  });

  it('is deterministic in the seed and differs across seeds', () => {
    const run = (seed: number) => runSequential(createAsha().create(LINE, { seed }), 60, (c) => Math.abs(x(c) - 0.7));
    expect(run(11)).toEqual(run(11));
    expect(run(11)).not.toEqual(run(12));
  });

  it('takes η and the lowest fidelity from its factory', () => {
    const def = createAsha({ eta: 2, minFidelity: 0.25, fullFirst: 0, key: 'asha2' });
    expect(def.key).toBe('asha2');
    const s = def.create(LINE, { seed: 1 });
    const asked = askMany(s, 2);
    expect(asked.map((c) => c.fidelity)).toEqual([0.25, 0.25]);
    s.tell({ id: 1, candidate: asked[0], loss: 1, seconds: 0 });
    s.tell({ id: 2, candidate: asked[1], loss: 2, seconds: 0 });
    expect([s.ask()!.fidelity, s.ask()!.fidelity]).toEqual([0.5, 0.25]);
  });

  it('draws new configurations from the TPE model by default, where low losses were seen', () => {
    const fresh = (sampler: 'tpe' | 'random') => {
      const asked = runSequential(createAsha({ sampler }).create(LINE, { seed: 21 }), 200, (c) => Math.abs(x(c) - 0.7));
      const late = asked.slice(100).filter((c) => c.fidelity === 1 / 27);
      return late.reduce((s, c) => s + Math.abs(x(c) - 0.7), 0) / late.length;
    };
    // Uniform draws are on average 0.29 from 0.7; a third of TPE's draws stay uniform on purpose.
    expect(fresh('random')).toBeGreaterThan(0.2);
    expect(fresh('tpe')).toBeLessThan(0.15);
  });

  it('rejects an unknown sampler', () => {
    expect(() => createAsha({ sampler: 'grid' as 'tpe' })).toThrow(/sampler/);
  });
});
