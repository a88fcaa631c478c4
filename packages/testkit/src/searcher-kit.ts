import { describe, expect, it } from 'vitest';
import { inDomain, type Candidate, type SearchDomain, type SearcherDefinition } from '@autopipe/core';

export const SEARCHER_CHECKS = [
  'asks stay inside the space', 'same seed gives same asks', 'handles failed trials', 'keeps proposing within a trial budget', 'different seeds explore differently',
  'fidelity, when given, is in (0, 1]',
] as const;
export type SearcherCheck = (typeof SEARCHER_CHECKS)[number];

/** A mixed domain: two estimators, float/log/int/categorical parameters. */
export const KIT_DOMAIN: SearchDomain = {
  estimators: [
    { key: 'alpha', defaults: { lr: 0.1, depth: 3, kind: 'a', fixed: true }, space: { lr: { kind: 'float', low: 1e-3, high: 1, log: true }, depth: { kind: 'int', low: 1, high: 12 }, kind: { kind: 'categorical', choices: ['a', 'b', 'c'] } } },
    { key: 'beta', defaults: { c: 1, l1: 0.5 }, space: { c: { kind: 'float', low: 1e-4, high: 1e4, log: true }, l1: { kind: 'float', low: 0, high: 1 } } },
  ],
};

/** A smooth synthetic objective so model-based searchers have something to learn. */
function objective(c: Candidate): number {
  const p = c.params as Record<string, number | string | boolean>;
  if (c.estimator === 'alpha') return (Math.log10(p.lr as number) + 1) ** 2 + ((p.depth as number) - 6) ** 2 / 10 + (p.kind === 'b' ? 0 : 0.5);
  return (Math.log10(p.c as number) - 2) ** 2 / 4 + (p.l1 as number);
}

function run(def: SearcherDefinition, seed: number, n: number, fail: (i: number) => boolean = () => false): Candidate[] {
  const s = def.create(KIT_DOMAIN, { seed });
  const asked: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const c = s.ask();
    if (!c) break;
    asked.push(c);
    const failed = fail(i);
    s.tell({ id: i, candidate: c, loss: failed ? null : objective(c), seconds: 0.01, ...(failed ? { error: 'synthetic failure' } : {}) });
  }
  return asked;
}

export interface SearcherKitOptions {
  readonly expectedFailures?: Partial<Record<SearcherCheck, string>>;
}

/** Runs the searcher contract as one vitest case per check. */
export function describeSearcher(def: SearcherDefinition, options: SearcherKitOptions = {}): void {
  const check = (name: SearcherCheck, fn: () => void): void => {
    const reason = options.expectedFailures?.[name];
    if (reason) it.fails(`${name} (expected failure: ${reason})`, fn);
    else it(name, fn);
  };
  describe(`searcher contract: ${def.key}`, () => {
    check('asks stay inside the space', () => {
      for (const c of run(def, 1, 60)) {
        const e = KIT_DOMAIN.estimators.find((x) => x.key === c.estimator);
        expect(e, `unknown estimator ${c.estimator}`).toBeDefined();
        expect(Object.keys(c.params).sort()).toEqual(Object.keys(e!.defaults).sort());
        for (const [k, v] of Object.entries(c.params)) {
          const d = e!.space[k];
          if (d) expect(inDomain(d, v), `${c.estimator}.${k}=${String(v)}`).toBe(true);
          else expect(v).toBe(e!.defaults[k]);
        }
      }
    });
    check('same seed gives same asks', () => {
      expect(run(def, 7, 40)).toEqual(run(def, 7, 40));
    });
    check('handles failed trials', () => {
      const asked = run(def, 3, 30, (i) => i % 3 === 0);
      expect(asked.length).toBe(30);
    });
    check('keeps proposing within a trial budget', () => {
      const asked = run(def, 4, 100);
      expect(asked.length).toBe(100);
      const distinct = new Set(asked.map((c) => JSON.stringify(c)));
      expect(distinct.size).toBeGreaterThan(50);
    });
    check('different seeds explore differently', () => {
      expect(JSON.stringify(run(def, 1, 20))).not.toBe(JSON.stringify(run(def, 2, 20)));
    });
    // Multi-fidelity searchers fit on a fraction of the training rows: a share, never zero, never more than all.
    check('fidelity, when given, is in (0, 1]', () => {
      for (const c of run(def, 5, 120, (i) => i % 7 === 3)) {
        if (c.fidelity === undefined) continue;
        expect(typeof c.fidelity).toBe('number');
        expect(c.fidelity > 0 && c.fidelity <= 1, `fidelity ${c.fidelity} of ${c.estimator}`).toBe(true);
      }
    });
  });
}
