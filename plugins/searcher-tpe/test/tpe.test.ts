import { describe, expect, it } from 'vitest';
import { Rng, sampleParams, type Candidate, type SearchDomain, type Searcher, type SearcherDefinition } from '@autopipe/core';
import { tpe, TpeSearch } from '../src/index.js';

/** The baseline: uniform random search (an estimator, then its space), no defaults first. */
const random: SearcherDefinition = {
  kind: 'searcher', key: 'uniform', description: 'test baseline',
  create: (domain, { seed }) => {
    const rng = new Rng(seed);
    return { ask: () => { const e = domain.estimators[rng.int(domain.estimators.length)]; return { estimator: e.key, params: sampleParams(e.defaults, e.space, rng) }; }, tell: () => {} };
  },
};

type Objective = (c: Candidate) => number | null;

function run(s: Searcher, f: Objective, n: number): { asked: Candidate[]; best: number } {
  const asked: Candidate[] = [];
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    const c = s.ask();
    if (!c) break;
    asked.push(c);
    const loss = f(c);
    if (loss !== null && loss < best) best = loss;
    s.tell({ id: i, candidate: c, loss, seconds: 0.01 });
  }
  return { asked, best };
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

function medianBest(def: SearcherDefinition, domain: SearchDomain, f: Objective, n: number, seeds = 11): number {
  return median(Array.from({ length: seeds }, (_, s) => run(def.create(domain, { seed: s + 1 }), f, n).best));
}

const QUAD: SearchDomain = { estimators: [{ key: 'q', defaults: { x: 0, y: 0 }, space: { x: { kind: 'float', low: -5, high: 5 }, y: { kind: 'float', low: -5, high: 5 } } }] };
const quad: Objective = (c) => ((c.params.x as number) - 1.3) ** 2 + ((c.params.y as number) + 2.1) ** 2;

// Two estimators; `good` is better overall and has log/int/categorical parameters.
const MIXED: SearchDomain = {
  estimators: [
    { key: 'bad', defaults: { c: 1 }, space: { c: { kind: 'float', low: 1e-3, high: 1e3, log: true } } },
    { key: 'good', defaults: { lr: 0.1, depth: 3, kind: 'a' }, space: { lr: { kind: 'float', low: 1e-4, high: 1, log: true }, depth: { kind: 'int', low: 1, high: 20 }, kind: { kind: 'categorical', choices: ['a', 'b', 'c', 'd'] } } },
  ],
};
const mixed: Objective = (c) => {
  const p = c.params;
  if (c.estimator === 'bad') return 1 + (Math.log10(p.c as number) - 1) ** 2 / 9;
  return (Math.log10(p.lr as number) + 2) ** 2 / 4 + ((p.depth as number) - 12) ** 2 / 40 + (p.kind === 'c' ? 0 : 0.5);
};

describe('tpe searcher', () => {
  it('beats random search on a 2-D quadratic: median best loss over 11 seeds at 60 trials', () => {
    const t = medianBest(tpe, QUAD, quad, 60);
    const r = medianBest(random, QUAD, quad, 60);
    // Measured: 0.0087 vs 0.31.
    expect(t).toBeLessThan(r / 5);
  });

  it('beats random search on a mixed log/int/categorical toy objective with two estimators', () => {
    const t = medianBest(tpe, MIXED, mixed, 60);
    const r = medianBest(random, MIXED, mixed, 60);
    // Measured: 0.0002 vs 0.10.
    expect(t).toBeLessThan(r / 5);
  });

  it('learns the best categorical choice and the better estimator', () => {
    let good = 0;
    let c = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const { asked } = run(tpe.create(MIXED, { seed }), mixed, 60);
      const late = asked.slice(30);
      good += late.filter((x) => x.estimator === 'good').length;
      c += late.filter((x) => x.params.kind === 'c').length;
    }
    // Random would give 50% `good` and 12.5% of all asks with kind=c.
    expect(good / 150).toBeGreaterThan(0.8);
    expect(c / 150).toBeGreaterThan(0.4);
  });

  it('keeps parameters conditional on their estimator: the same name with opposite optima', () => {
    const domain: SearchDomain = {
      estimators: [
        { key: 'up', defaults: { x: 0.5 }, space: { x: { kind: 'float', low: 0, high: 1 } } },
        { key: 'down', defaults: { x: 0.5, k: 1 }, space: { x: { kind: 'float', low: 0, high: 1 } } },
      ],
    };
    const f = (key: string, x: number): number => (key === 'up' ? (x - 0.9) ** 2 : (x - 0.1) ** 2);
    const s = new TpeSearch(domain, 3, { nStartup: 0 });
    let id = 0;
    for (const key of ['up', 'down']) {
      for (let i = 0; i < 20; i++) {
        const x = (i + 0.5) / 20;
        s.tell({ id: id++, candidate: { estimator: key, params: key === 'up' ? { x } : { x, k: 1 } }, loss: f(key, x), seconds: 1 });
      }
    }
    // Asks without tells: every one comes from the same model of the 40 results above.
    const late = Array.from({ length: 60 }, () => s.ask()!).filter((c) => c.params.x !== 0.5);
    for (const c of late) expect(Object.keys(c.params).sort()).toEqual(c.estimator === 'up' ? ['x'] : ['k', 'x']);
    expect(late.filter((c) => c.estimator === 'up').length).toBeGreaterThan(10);
    expect(late.filter((c) => c.estimator === 'down').length).toBeGreaterThan(10);
    const mean = (key: string) => { const xs = late.filter((c) => c.estimator === key).map((c) => c.params.x as number); return xs.reduce((a, b) => a + b, 0) / xs.length; };
    expect(mean('up')).toBeGreaterThan(0.7);
    expect(mean('down')).toBeLessThan(0.3);
  });

  it('counts failed trials as bad: it steers away from a region that fails', () => {
    const domain: SearchDomain = { estimators: [{ key: 'f', defaults: { x: 0.2 }, space: { x: { kind: 'float', low: 0, high: 1 } } }] };
    const f: Objective = (c) => ((c.params.x as number) > 0.6 ? null : (c.params.x as number));
    const { asked } = run(tpe.create(domain, { seed: 5 }), f, 60);
    const late = asked.slice(20);
    // Random search would put 40% of its asks there.
    expect(late.filter((c) => (c.params.x as number) > 0.6).length).toBeLessThan(late.length * 0.15);
  });

  it('asks every estimator\'s defaults, then portfolio entries round-robin, then random startup trials', () => {
    const domain: SearchDomain = {
      estimators: [
        { key: 'a', defaults: { x: 1 }, space: { x: { kind: 'float', low: 0, high: 10 } }, portfolio: [{ x: 2 }, { x: 3 }, { x: 4 }] },
        { key: 'b', defaults: { y: 1 }, space: { y: { kind: 'float', low: 0, high: 10 } }, portfolio: [{ y: 5 }] },
      ],
    };
    const { asked } = run(tpe.create(domain, { seed: 1 }), () => 1, 8);
    expect(asked.slice(0, 6).map((c) => `${c.estimator}${c.params.x ?? c.params.y}`)).toEqual(['a1', 'b1', 'a2', 'b5', 'a3', 'a4']);
    expect(asked.slice(6).every((c) => ![1, 2, 3, 4, 5].includes((c.params.x ?? c.params.y) as number))).toBe(true);
  });

  it('never repeats a point of a small categorical space while unseen points remain', () => {
    const domain: SearchDomain = { estimators: [{ key: 'c', defaults: { a: 'x', b: 1 }, space: { a: { kind: 'categorical', choices: ['x', 'y', 'z'] }, b: { kind: 'categorical', choices: [1, 2, 3] } } }] };
    const { asked } = run(new TpeSearch(domain, 2, { nStartup: 2 }), (c) => (c.params.a === 'y' ? 0 : 1) + (c.params.b as number) / 10, 9);
    expect(new Set(asked.map((c) => JSON.stringify(c.params))).size).toBe(9);
  });

  it('is deterministic in the seed and records told results', () => {
    const a = run(tpe.create(MIXED, { seed: 9 }), mixed, 40).asked;
    expect(run(tpe.create(MIXED, { seed: 9 }), mixed, 40).asked).toEqual(a);
    expect(run(tpe.create(MIXED, { seed: 10 }), mixed, 40).asked).not.toEqual(a);
    const s = new TpeSearch(MIXED, 1);
    const c = s.ask()!;
    s.tell({ id: 0, candidate: c, loss: null, seconds: 2, error: 'timeout' });
    expect(s.history).toEqual([{ id: 0, candidate: c, loss: null, seconds: 2, error: 'timeout' }]);
  });

  it('returns undefined for an empty domain', () => {
    expect(tpe.create({ estimators: [] }, { seed: 1 }).ask()).toBeUndefined();
  });
});
