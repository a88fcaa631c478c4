import { Rng, candidateKey, type Candidate, type SearchDomain, type Searcher, type TrialResult } from '@autopipe/core';
import { ConfigSource } from './config-source.js';
import type { Proposer } from './proposer.js';
import { rungOf, type Halving } from './rungs.js';

/** One round of synchronous successive halving, starting at rung `start` of the ladder. */
interface Bracket {
  /** Halvings this bracket makes (Hyperband's s): it starts `s` rungs below the top. */
  readonly s: number;
  /** Rung the bracket is evaluating now. */
  rung: number;
  /** New configurations still to draw at the starting rung. */
  fresh: number;
  /** Promoted configurations still to ask at the current rung. */
  queue: number[];
  /** Configurations asked at the current rung. */
  asked: number;
  /** Results at the current rung by config id (null for a failure). */
  readonly finished: Map<number, number | null>;
}

/** How many configurations bracket `s` of `sMax` starts with: ⌈(sMax + 1) / (s + 1) · η^s⌉ (Li et al. 2017). */
export function bracketSize(s: number, sMax: number, eta: number): number {
  return Math.ceil(((sMax + 1) / (s + 1)) * eta ** s - 1e-9);
}

/**
 * Hyperband (Li et al. 2017): brackets of successive halving from the most aggressive (many configurations at the
 * lowest fidelity) to plain full-fidelity random search, then around again. Within a bracket a rung is promoted only
 * when all its results are in (the best ⌊n/η⌋ successes go up one rung); while a bracket waits for results, `ask`
 * serves the next bracket, so parallel workers are never idle.
 */
export class HyperbandSearch implements Searcher {
  /** Every result told so far, in order; failed trials have `loss: null`. */
  readonly history: TrialResult[] = [];
  private readonly source: ConfigSource;
  private readonly bases: Candidate[] = [];
  private readonly keys: string[] = [];
  private readonly active: Bracket[] = [];
  /** Asked and not yet told, by `key@rung`: the config id and its bracket (none for the opening full fits). */
  private readonly pending = new Map<string, { id: number; bracket?: Bracket }>();
  private readonly sMax: number;
  private nextS: number;
  private sourceDone = false;
  private fullLeft: number;

  constructor(domain: SearchDomain, seed: number, private readonly h: Halving, private readonly proposer?: Proposer) {
    this.source = new ConfigSource(domain, new Rng(seed), proposer);
    this.sMax = h.rungs.length - 1;
    this.nextS = this.sMax;
    this.fullLeft = h.fullFirst;
  }

  /** The brackets started and not finished, oldest first (for tests and logs). */
  get brackets(): readonly { s: number; rung: number }[] {
    return this.active.map((b) => ({ s: b.s, rung: b.rung }));
  }

  ask(): Candidate | undefined {
    if (this.fullLeft > 0) {
      const id = this.draw();
      if (id !== undefined) {
        this.fullLeft--;
        return this.start(id, this.sMax);
      }
    }
    for (;;) {
      for (const b of [...this.active]) {
        const c = this.fromBracket(b);
        if (c) return c;
      }
      if (this.sourceDone) return undefined;
      this.active.push({ s: this.nextS, rung: this.sMax - this.nextS, fresh: bracketSize(this.nextS, this.sMax, this.h.eta), queue: [], asked: 0, finished: new Map() });
      this.nextS = this.nextS === 0 ? this.sMax : this.nextS - 1;
    }
  }

  tell(result: TrialResult): void {
    this.history.push(result);
    const { estimator, params, fidelity } = result.candidate;
    const loss = result.loss !== null && Number.isFinite(result.loss) ? result.loss : null;
    this.proposer?.observe(estimator, params, fidelity ?? 1, loss);
    const slot = `${candidateKey(estimator, params)}@${rungOf(this.h, fidelity)}`;
    const p = this.pending.get(slot);
    if (!p) {
      this.source.claim(estimator, params);
      return;
    }
    this.pending.delete(slot);
    if (!p.bracket) return;
    p.bracket.finished.set(p.id, loss);
    this.settle(p.bracket);
  }

  private fromBracket(b: Bracket): Candidate | undefined {
    if (b.queue.length > 0) {
      b.asked++;
      return this.start(b.queue.shift()!, b.rung, b);
    }
    if (b.fresh > 0) {
      const id = this.draw();
      if (id !== undefined) {
        b.fresh--;
        b.asked++;
        return this.start(id, b.rung, b);
      }
      b.fresh = 0;
      this.settle(b);
    }
    return undefined;
  }

  /** Promotes the bracket's rung once every result is in: the best ⌊n/η⌋ (at least one) successes go up. */
  private settle(b: Bracket): void {
    if (b.fresh > 0 || b.queue.length > 0 || b.finished.size < b.asked) return;
    const ok = [...b.finished].filter((d): d is [number, number] => d[1] !== null).sort((x, y) => x[1] - y[1] || x[0] - y[0]);
    const keep = Math.max(1, Math.floor(b.asked / this.h.eta));
    if (b.rung === this.sMax || ok.length === 0) {
      this.active.splice(this.active.indexOf(b), 1);
      return;
    }
    b.rung++;
    b.queue = ok.slice(0, keep).map((d) => d[0]);
    b.asked = 0;
    b.finished.clear();
  }

  private draw(): number | undefined {
    const base = this.source.next();
    if (!base) {
      this.sourceDone = true;
      return undefined;
    }
    this.bases.push(base);
    this.keys.push(candidateKey(base.estimator, base.params));
    return this.bases.length - 1;
  }

  private start(id: number, rung: number, bracket?: Bracket): Candidate {
    this.pending.set(`${this.keys[id]}@${rung}`, { id, ...(bracket ? { bracket } : {}) });
    const base = this.bases[id];
    return { estimator: base.estimator, params: base.params, fidelity: this.h.rungs[rung] };
  }
}
