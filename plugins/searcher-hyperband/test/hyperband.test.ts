import { describe, expect, it } from 'vitest';
import { HyperbandSearch, bracketSize } from '../src/hyperband-search.js';
import { createHyperband } from '../src/hyperband.js';
import { halving } from '../src/rungs.js';
import { LINE, askMany, runSequential, x } from './fixtures.js';

describe('hyperband', () => {
  it('sizes brackets as ⌈(sMax + 1) / (s + 1) · η^s⌉', () => {
    expect([3, 2, 1, 0].map((s) => bracketSize(s, 3, 3))).toEqual([27, 12, 6, 4]);
    expect(bracketSize(4, 4, 2)).toBe(16);
  });

  it('runs the brackets from most aggressive to full fidelity, halving by η within each', () => {
    const s = new HyperbandSearch(LINE, 1, halving({ fullFirst: 0 }));
    const asked = runSequential(s, 126, (c) => (x(c) - 0.3) ** 2);
    const F = [1 / 27, 1 / 9, 1 / 3, 1];
    const expected = [
      ...Array(27).fill(F[0]), ...Array(9).fill(F[1]), ...Array(3).fill(F[2]), F[3],
      ...Array(12).fill(F[1]), ...Array(4).fill(F[2]), F[3],
      ...Array(6).fill(F[2]), ...Array(2).fill(F[3]),
      ...Array(4).fill(F[3]),
      ...Array(27).fill(F[0]), ...Array(9).fill(F[1]), ...Array(3).fill(F[2]), F[3],
      ...Array(12).fill(F[1]), ...Array(4).fill(F[2]), F[3],
    ];
    expect(asked.map((c) => c.fidelity)).toEqual(expected);
    // The second rung of the first bracket is exactly the best 9 of its 27.
    const loss = (v: number) => (v - 0.3) ** 2;
    const best9 = asked.slice(0, 27).map(x).sort((a, b) => loss(a) - loss(b)).slice(0, 9);
    expect(asked.slice(27, 36).map(x)).toEqual(best9);
    expect(asked.slice(36, 39).map(x)).toEqual(best9.slice(0, 3));
    expect(x(asked[39])).toBe(best9[0]);
  });

  it('serves the next bracket while one waits for results', () => {
    const s = new HyperbandSearch(LINE, 2, halving());
    const asked = askMany(s, 30);
    expect(asked[0].fidelity).toBe(1);
    expect(asked.slice(1, 28).every((c) => c.fidelity === 1 / 27)).toBe(true);
    // Bracket s = 3 now waits on 27 results; bracket s = 2 starts at 1/9.
    expect(asked.slice(28).map((c) => c.fidelity)).toEqual([1 / 9, 1 / 9]);
    expect(s.brackets).toEqual([{ s: 3, rung: 0 }, { s: 2, rung: 1 }]);
    expect(new Set(asked.map(x)).size).toBe(30);
  });

  it('promotes only successes and ends a bracket whose rung all failed', () => {
    const s = new HyperbandSearch(LINE, 3, halving({ fullFirst: 0 }));
    const first = runSequential(s, 27, (_c, i) => (i === 5 || i === 9 ? i : null));
    const up = askMany(s, 2);
    // Nine places on the next rung, two successes: only they go up (best first), then the next bracket starts.
    expect(up.map((c) => [x(c), c.fidelity])).toEqual([[x(first[5]), 1 / 9], [x(first[9]), 1 / 9]]);
    const t = new HyperbandSearch(LINE, 3, halving({ fullFirst: 0 }));
    runSequential(t, 27, () => null);
    expect(t.brackets).toEqual([]);
    expect(t.ask()!.fidelity).toBe(1 / 9);
  });

  it('is deterministic in the seed and differs across seeds', () => {
    const run = (seed: number) => runSequential(createHyperband().create(LINE, { seed }), 60, (c) => Math.abs(x(c) - 0.7));
    expect(run(11)).toEqual(run(11));
    expect(run(11)).not.toEqual(run(12));
  });
});
