import { Rng, candidateKey, sampleParams, type Candidate, type Params, type SearchDomain } from '@autopipe/core';
import type { Proposer } from './proposer.js';

/** Draws tried per estimator before its space counts as exhausted (a small finite space, all points seen). */
const RETRIES = 32;

type Arm = SearchDomain['estimators'][number];

/**
 * Where new configurations come from: every estimator's defaults (cheapest declared cost first), then the portfolio
 * entries round-robin across estimators (first entries of all, then second entries, ...), then configurations drawn
 * round-robin across estimators — from the proposer when it has learned enough, uniformly from the space otherwise.
 * Never the same configuration twice.
 */
export class ConfigSource {
  private readonly opening: Candidate[] = [];
  private readonly arms: Arm[];
  private readonly seen = new Set<string>();
  private readonly exhausted = new Set<string>();
  private turn = 0;

  constructor(domain: SearchDomain, private readonly rng: Rng, private readonly proposer?: Proposer) {
    this.arms = domain.estimators.map((e, i) => ({ e, i })).sort((a, b) => (a.e.cost ?? 1) - (b.e.cost ?? 1) || a.i - b.i).map((x) => x.e);
    for (const e of this.arms) this.opening.push({ estimator: e.key, params: Object.freeze({ ...e.defaults }) });
    const longest = Math.max(0, ...this.arms.map((e) => e.portfolio?.length ?? 0));
    for (let i = 0; i < longest; i++) {
      for (const e of this.arms) {
        const p = e.portfolio?.[i];
        if (p) this.opening.push({ estimator: e.key, params: Object.freeze({ ...e.defaults, ...p }) });
      }
    }
  }

  /** The next unseen configuration (without fidelity), or undefined when every estimator's space is exhausted. */
  next(): Candidate | undefined {
    while (this.opening.length > 0) {
      const c = this.opening.shift()!;
      if (this.claim(c.estimator, c.params)) return c;
    }
    for (let tried = 0; tried < this.arms.length; tried++) {
      const arm = this.arms[this.turn++ % this.arms.length];
      if (this.exhausted.has(arm.key)) continue;
      for (let t = 0; t < RETRIES; t++) {
        const params = (t === 0 ? this.proposer?.propose(arm, this.rng) : undefined) ?? sampleParams(arm.defaults, arm.space, this.rng);
        if (this.claim(arm.key, params)) return { estimator: arm.key, params };
      }
      this.exhausted.add(arm.key);
    }
    return undefined;
  }

  /** Marks a configuration as used (asked, or told without being asked); false if it already was. */
  claim(estimator: string, params: Params): boolean {
    const key = candidateKey(estimator, params);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}
