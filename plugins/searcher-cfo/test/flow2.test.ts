import { describe, expect, it } from 'vitest';
import { Rng, type Params } from '@autopipe/core';
import { ArmStats, eci } from '../src/eci.js';
import { Flow2 } from '../src/flow2.js';
import { candidateKey, unitSpace } from '@autopipe/core';

const keyOf = (p: Params) => candidateKey('t', p);
const space = unitSpace({ n: { kind: 'int', low: 10, high: 1000, log: true }, lr: { kind: 'float', low: 0.01, high: 1, log: true } });

describe('Flow2', () => {
  it('tries x + δu, then x − δu on the same direction, and moves on improvement', () => {
    const f = new Flow2(space, { n: 100, lr: 0.1 });
    f.observe('start', { n: 100, lr: 0.1 }, 1, 1);
    const rng = new Rng(1);
    const plus = f.propose(rng, keyOf);
    f.observe(keyOf(plus), plus, 2, 1);
    const minus = f.propose(rng, keyOf);
    // Mirror images around the incumbent in log space (up to integer rounding of n).
    expect(Math.log(plus.lr as number) + Math.log(minus.lr as number)).toBeCloseTo(2 * Math.log(0.1), 10);
    expect(Math.abs(Math.log(plus.n as number) + Math.log(minus.n as number) - 2 * Math.log(100))).toBeLessThan(0.02);
    expect(f.observe(keyOf(minus), minus, 0.5, 1)).toBe(true);
    expect(f.incumbent).toEqual(minus);
  });

  it('asks the − side while the + side is in flight, then waits; a side left behind only competes as a point', () => {
    const f = new Flow2(space, { n: 100, lr: 0.1 });
    f.observe('start', { n: 100, lr: 0.1 }, 1, 1);
    const rng = new Rng(1);
    const plus = f.propose(rng, keyOf);
    expect(f.busy).toBe(false);
    const minus = f.propose(rng, keyOf);
    expect(f.busy).toBe(true);
    expect(Math.log(plus.lr as number) + Math.log(minus.lr as number)).toBeCloseTo(2 * Math.log(0.1), 10);
    // + improves: a new direction from the new incumbent may be asked while − is still out.
    expect(f.observe(keyOf(plus), plus, 0.8, 1)).toBe(true);
    expect(f.busy).toBe(false);
    const next = f.propose(rng, keyOf);
    expect(keyOf(next)).not.toBe(keyOf(minus));
    // The stale − side: better than the incumbent moves it, and the new direction stays in flight.
    expect(f.observe(keyOf(minus), minus, 0.7, 1)).toBe(true);
    expect(f.incumbent).toEqual(minus);
    expect(f.busy).toBe(false);
    f.propose(rng, keyOf);
    expect(f.busy).toBe(true);
  });

  it('accepts a much slower proposal only when the gain pays: 0.1% of |loss| per doubling of seconds', () => {
    const f = new Flow2(space, { n: 100, lr: 0.1 });
    f.observe('start', { n: 100, lr: 0.1 }, 1, 1);
    const rng = new Rng(2);
    const a = f.propose(rng, keyOf);
    // 8× slower needs a gain above 0.003: 0.002 is refused, the same gain at equal cost is taken.
    expect(f.observe(keyOf(a), a, 0.998, 8)).toBe(false);
    const b = f.propose(rng, keyOf);
    expect(f.observe(keyOf(b), b, 0.996, 8)).toBe(true);
    const c = f.propose(rng, keyOf);
    expect(f.observe(keyOf(c), c, 0.9959, 8)).toBe(true);
    expect(f.loss).toBe(0.9959);
  });

  it('takes any better result of its estimator as the incumbent, and failures never', () => {
    const f = new Flow2(space, { n: 100, lr: 0.1 });
    expect(f.observe('a', { n: 50, lr: 0.2 }, Infinity, 1)).toBe(false);
    expect(f.observe('b', { n: 20, lr: 0.3 }, 0.7, 1)).toBe(true);
    expect(f.incumbent).toEqual({ n: 20, lr: 0.3 });
  });
});

describe('eci', () => {
  it('is the larger of the time since the last improvement and twice the best trial\'s cost for the leader', () => {
    const s = new ArmStats();
    s.record(0.5, 2); // best at spent 2
    s.record(0.6, 3);
    s.record(0.7, 4); // spent 9, 7 s since the best
    expect(eci(s, 0.5)).toBe(7);
    const t = new ArmStats();
    t.record(0.5, 2);
    expect(eci(t, 0.5)).toBe(4);
  });

  it('adds twice the time to close the gap to the leader at its improvement speed', () => {
    const s = new ArmStats();
    s.record(1.0, 1);
    s.record(0.9, 1); // improved 0.1 in 1 s
    // own = max(0, 2 × 1) = 2; gap 0.4 at 0.1/s = 4 s, twice.
    expect(eci(s, 0.5)).toBeCloseTo(8, 12);
    // 3 s more without a gain: the speed is 0.1 over the 4 s since the previous best, 2 × 0.4 / 0.025 = 32 s.
    s.record(0.95, 3);
    expect(eci(s, 0.5)).toBeCloseTo(32, 12);
    const once = new ArmStats();
    once.record(0.9, 1);
    expect(eci(once, 0.5)).toBe(4); // twice its own 2 s: no speed known yet
  });

  it('grows a behind estimator\'s estimate by its gap relative to the spread when no speed is known', () => {
    const once = new ArmStats();
    once.record(0.9, 1);
    // twice its own 2 s, times 1 + 10 × (gap 0.4 / spread 0.8).
    expect(eci(once, 0.5, 0.8)).toBeCloseTo(4 * 6, 12);
    const leader = new ArmStats();
    leader.record(0.5, 1);
    expect(eci(leader, 0.5, 0.8)).toBe(2);
  });

  it('penalizes estimators that only fail by their failure count', () => {
    const s = new ArmStats();
    s.record(null, 3);
    s.record(null, 1);
    expect(eci(s, 0.5)).toBe(4 * 3);
  });
});
