import type { Candidate, SearchDomain, Searcher } from '@autopipe/core';

/** One estimator with one float in [0, 1]: the loss of a configuration can be set by hand through `x`. */
export const LINE: SearchDomain = { estimators: [{ key: 'line', defaults: { x: 0.5 }, space: { x: { kind: 'float', low: 0, high: 1 } } }] };

export const x = (c: Candidate): number => c.params.x as number;

/** Asks `n` times without telling anything (parallel workers all asking at once). */
export function askMany(s: Searcher, n: number): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const c = s.ask();
    if (!c) throw new Error(`ask ${i} returned nothing`);
    out.push(c);
  }
  return out;
}

/** Asks and tells `n` trials in turn with the loss `loss(c)`; returns the asks. */
export function runSequential(s: Searcher, n: number, loss: (c: Candidate, i: number) => number | null): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const c = s.ask();
    if (!c) break;
    out.push(c);
    s.tell({ id: i, candidate: c, loss: loss(c, i), seconds: 0.01 });
  }
  return out;
}
