import { describe, expect, it } from 'vitest';
import { type Candidate, type SearchDomain, type Searcher } from '@autopipe/core';
import { cfo, CfoSearch } from '../src/index.js';

type Objective = (c: Candidate) => { loss: number | null; seconds: number };

function run(s: Searcher, f: Objective, n: number): { asked: Candidate[]; losses: (number | null)[] } {
  const asked: Candidate[] = [];
  const losses: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const c = s.ask();
    if (!c) break;
    const r = f(c);
    asked.push(c);
    losses.push(r.loss);
    s.tell({ id: i, candidate: c, loss: r.loss, seconds: r.seconds });
  }
  return { asked, losses };
}

const best = (l: (number | null)[]): number => Math.min(...l.map((x) => x ?? Infinity));
const space = { x: { kind: 'float', low: -5, high: 5 }, y: { kind: 'float', low: -5, high: 5 } } as const;
const quad = (c: Candidate): number => ((c.params.x as number) - 1.3) ** 2 + ((c.params.y as number) + 2.1) ** 2;

describe('cfo searcher', () => {
  it('spends trials on the cheap estimator when two are equally good but 10x apart in seconds', () => {
    const domain: SearchDomain = { estimators: [{ key: 'slow', defaults: { x: 0, y: 0 }, space }, { key: 'fast', defaults: { x: 0, y: 0 }, space }] };
    // Per seed the slow one sometimes leads for a while (measured fast counts 52, 56, 57, 31, 51 of 60): it is
    // given budget only while it looks promising. Over five seeds the cheap one gets most trials.
    let fast = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const { asked } = run(cfo.create(domain, { seed }), (c) => ({ loss: quad(c), seconds: c.estimator === 'slow' ? 1 : 0.1 }), 60);
      fast += asked.filter((c) => c.estimator === 'fast').length;
    }
    expect(fast).toBeGreaterThan(3 * (300 - fast));
  });

  it('gives a behind, expensive estimator a small share of the time, not only of the draws', () => {
    // phoneme at 60 s: extra trees led at 0.4 s a trial; an MLP far behind at 8–14 s a trial was drawn twice in 89
    // trials and took half of the trial time. Shares of the time are ∝ 1 / ECI, so its trial cost counts once.
    const domain: SearchDomain = { estimators: [{ key: 'lead', defaults: { x: 0, y: 0 }, space }, { key: 'costly', defaults: { x: 0, y: 0 }, space }] };
    const seconds = (c: Candidate): number => (c.estimator === 'costly' ? 10 : 0.4);
    // After both defaults (the costly one must run once to be known), the time of the next 148 trials: drawn ∝ 1 / ECI
    // the costly one took 52% of it (measured), drawn ∝ 1 / (ECI × seconds per trial) none.
    let costly = 0;
    let total = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const { asked } = run(cfo.create(domain, { seed }), (c) => ({ loss: quad(c) + (c.estimator === 'costly' ? 3 : 0), seconds: seconds(c) }), 150);
      for (const c of asked.slice(2)) {
        total += seconds(c);
        if (c.estimator === 'costly') costly += seconds(c);
      }
    }
    expect(costly / total).toBeLessThan(0.05);
  });

  it('moves toward better regions: from defaults at loss 6.1 to near the optimum in 60 trials', () => {
    const domain: SearchDomain = { estimators: [{ key: 'q', defaults: { x: 0, y: 0 }, space }] };
    for (const seed of [1, 2, 3]) {
      const { losses } = run(cfo.create(domain, { seed }), (c) => ({ loss: quad(c), seconds: 1 }), 60);
      expect(losses[0]).toBeCloseTo(6.1, 12);
      expect(best(losses), `seed ${seed}`).toBeLessThan(0.05);
    }
  });

  it('handles failed trials: never moves into a failing region and starves an estimator that always fails', () => {
    const domain: SearchDomain = {
      estimators: [
        { key: 'broken', defaults: { c: 1 }, space: { c: { kind: 'float', low: 1e-3, high: 1e3, log: true } } },
        { key: 'q', defaults: { x: 0, y: 0 }, space },
      ],
    };
    // Left of x = 0.5 works; the optimum (1.3, -2.1) lies in the failing half, so the best is on its edge.
    const f: Objective = (c) => (c.estimator === 'broken' || (c.params.x as number) > 0.5 ? { loss: null, seconds: 0.5 } : { loss: quad(c), seconds: 0.5 });
    const { asked, losses } = run(cfo.create(domain, { seed: 4 }), f, 60);
    expect(asked.length).toBe(60);
    expect(asked.filter((c) => c.estimator === 'broken').length).toBeLessThan(10);
    expect(best(losses)).toBeLessThan(0.64 + 0.1); // (0.5 − 1.3)² = 0.64 is the best reachable
  });

  it('asks defaults cheapest first, then an estimator\'s portfolio entries before its local steps', () => {
    const domain: SearchDomain = {
      estimators: [
        { key: 'dear', cost: 20, defaults: { x: 0, y: 0 }, space, portfolio: [{ x: 1, y: 0 }, { x: 2, y: 0 }] },
        { key: 'cheap', cost: 0.5, defaults: { x: 0, y: 0 }, space, portfolio: [{ x: 0, y: 1 }, { x: 0, y: 2 }, { x: 0, y: 3 }] },
      ],
    };
    const { asked } = run(new CfoSearch(domain, 1), (c) => ({ loss: quad(c), seconds: c.estimator === 'dear' ? 2 : 0.1 }), 40);
    const label = (c: Candidate) => `${c.estimator}:${c.params.x},${c.params.y}`;
    expect(asked.slice(0, 2).map(label)).toEqual(['cheap:0,0', 'dear:0,0']);
    // ECI: the cheap estimator is 20× cheaper per trial and as good, so it gets the next trials.
    expect(label(asked[2])).toBe('cheap:0,1');
    for (const key of ['cheap', 'dear']) {
      const mine = asked.filter((c) => c.estimator === key).map(label);
      const entries = domain.estimators.find((e) => e.key === key)!.portfolio!.map((p) => `${key}:${p.x},${p.y}`);
      const firstStep = mine.findIndex((l) => l !== `${key}:0,0` && !entries.includes(l));
      if (firstStep >= 0) expect(entries.every((e) => mine.indexOf(e) >= 0 && mine.indexOf(e) < firstStep), key).toBe(true);
    }
    expect(asked.filter((c) => c.estimator === 'cheap').map(label)).toContain('cheap:0,3');
  });

  it('exhausts a small categorical space without repeats, then returns undefined', () => {
    const domain: SearchDomain = { estimators: [{ key: 'c', defaults: { a: 'x', b: 1 }, space: { a: { kind: 'categorical', choices: ['x', 'y', 'z'] }, b: { kind: 'categorical', choices: [1, 2, 3] } } }, { key: 'e', defaults: { k: 1 }, space: {} }] };
    const { asked } = run(cfo.create(domain, { seed: 2 }), (c) => ({ loss: c.params.a === 'y' ? 0 : 1, seconds: 1 }), 50);
    expect(asked.length).toBe(10);
    expect(new Set(asked.map((c) => JSON.stringify(c))).size).toBe(10);
  });

  it('is deterministic in the seed and records told results', () => {
    const domain: SearchDomain = { estimators: [{ key: 'a', defaults: { x: 0, y: 0 }, space }, { key: 'b', defaults: { x: 0, y: 0 }, space }] };
    const f: Objective = (c) => ({ loss: quad(c), seconds: c.estimator === 'a' ? 0.2 : 0.3 });
    const a = run(cfo.create(domain, { seed: 9 }), f, 40).asked;
    expect(run(cfo.create(domain, { seed: 9 }), f, 40).asked).toEqual(a);
    expect(run(cfo.create(domain, { seed: 10 }), f, 40).asked).not.toEqual(a);
    const s = new CfoSearch(domain, 1);
    const c = s.ask()!;
    s.tell({ id: 0, candidate: c, loss: null, seconds: 2, error: 'timeout' });
    expect(s.history).toEqual([{ id: 0, candidate: c, loss: null, seconds: 2, error: 'timeout' }]);
    expect(cfo.create({ estimators: [] }, { seed: 1 }).ask()).toBeUndefined();
  });
  it('does not ask an estimator again while its first trial is still running (one-trial lookahead)', () => {
    const domain: SearchDomain = { estimators: [{ key: 'cheap', defaults: { x: 0, y: 0 }, space, cost: 1 }, { key: 'costly', defaults: { x: 0, y: 0 }, space, cost: 5 }] };
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const s = cfo.create(domain, { seed });
      const first = s.ask()!;
      s.tell({ id: 0, candidate: first, loss: quad(first), seconds: 0.1 });
      const slow = s.ask()!; // the costly defaults: still running while the next trials are asked
      expect(slow.estimator).toBe('costly');
      for (let i = 0; i < 5; i++) {
        const c = s.ask()!;
        expect(c.estimator, `seed ${seed}`).toBe('cheap');
        s.tell({ id: i + 2, candidate: c, loss: quad(c), seconds: 0.1 });
      }
      s.tell({ id: 1, candidate: slow, loss: quad(slow), seconds: 10 });
    }
  });
});
