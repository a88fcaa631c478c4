import { Rng, sampleParams, type Candidate, type Params, type SearchDomain, type SearchSpace, type Searcher, type TrialResult } from '@autopipe/core';
import { finiteSpace, inSpace, type FiniteSpace } from './finite-space.js';

/** Fresh draws tried before giving up on finding an unseen candidate for an estimator. */
const RETRIES = 16;

interface Arm {
  readonly key: string;
  readonly defaults: Params;
  readonly space: SearchSpace;
  readonly finite: FiniteSpace | undefined;
  /** Distinct in-space candidates asked or told so far; the arm is exhausted when this reaches `finite.size`. */
  covered: number;
}

/** A canonical text for a candidate: parameter order must not make two equal candidates look different. */
function candidateKey(c: Candidate): string {
  const names = Object.keys(c.params).sort();
  return JSON.stringify([c.estimator, names.map((k) => [k, c.params[k]])]);
}

/**
 * Random search: every estimator's defaults first (in domain order, a strong and cheap start), then the
 * estimators' portfolio entries round-robin (first entries of all, then second entries, ...), then an
 * estimator drawn uniformly among those with points left and a uniform sample of its space. Results
 * do not steer it; `tell` only records them and marks the candidate as seen.
 */
export class RandomSearch implements Searcher {
  /** Every result told so far, in order; failed trials have `loss: null`. */
  readonly history: TrialResult[] = [];
  private readonly rng: Rng;
  private readonly arms: Arm[];
  private readonly byKey = new Map<string, Arm>();
  private readonly seen = new Set<string>();
  /** Defaults of every estimator, then portfolio entries round-robin across estimators. */
  private readonly opening: Candidate[] = [];

  constructor(domain: SearchDomain, seed: number) {
    this.rng = new Rng(seed);
    this.arms = domain.estimators.map((e) => ({ key: e.key, defaults: e.defaults, space: e.space, finite: finiteSpace(e.defaults, e.space), covered: 0 }));
    for (const a of this.arms) if (!this.byKey.has(a.key)) this.byKey.set(a.key, a);
    for (const e of domain.estimators) this.opening.push({ estimator: e.key, params: Object.freeze({ ...e.defaults }) });
    const longest = Math.max(0, ...domain.estimators.map((e) => e.portfolio?.length ?? 0));
    for (let i = 0; i < longest; i++) {
      for (const e of domain.estimators) {
        const p = e.portfolio?.[i];
        if (p) this.opening.push({ estimator: e.key, params: Object.freeze({ ...e.defaults, ...p }) });
      }
    }
  }

  ask(): Candidate | undefined {
    while (this.opening.length > 0) {
      const c = this.opening.shift()!;
      if (this.remember(c)) return c;
    }
    const open = this.arms.filter((a) => !a.finite || a.covered < a.finite.size);
    if (open.length === 0) return undefined;
    const arm = open[this.rng.int(open.length)];
    let c: Candidate | undefined;
    for (let t = 0; t < RETRIES; t++) {
      c = { estimator: arm.key, params: sampleParams(arm.defaults, arm.space, this.rng) };
      if (this.remember(c)) return c;
    }
    // A nearly exhausted finite space: draw among the points left instead of repeating one.
    if (arm.finite) {
      const left: Candidate[] = [];
      for (let i = 0; i < arm.finite.size; i++) {
        const p: Candidate = { estimator: arm.key, params: arm.finite.point(i) };
        if (!this.seen.has(candidateKey(p))) left.push(p);
      }
      if (left.length > 0) {
        const pick = left[this.rng.int(left.length)];
        this.remember(pick);
        return pick;
      }
    }
    return c;
  }

  tell(result: TrialResult): void {
    this.history.push(result);
    this.remember(result.candidate);
  }

  /** Marks a candidate as seen; false if it already was. */
  private remember(c: Candidate): boolean {
    const key = candidateKey(c);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    const arm = this.byKey.get(c.estimator);
    if (arm?.finite && inSpace(arm.defaults, arm.space, c.params)) arm.covered++;
    return true;
  }
}
