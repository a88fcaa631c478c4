import { Rng, candidateKey, type Candidate, type SearchDomain, type Searcher, type TrialResult } from '@autopipe/core';
import { ConfigSource } from './config-source.js';
import type { Proposer } from './proposer.js';
import { rungOf, type Halving } from './rungs.js';

/** A configuration under successive halving: what to fit, without its fidelity. */
interface Config {
  readonly id: number;
  readonly base: Candidate;
  readonly key: string;
}

/**
 * Asynchronous successive halving (ASHA, Li et al. 2018). New configurations start at the lowest rung; a
 * configuration is promoted one rung up as soon as it is among the best ⌊n/η⌋ of the n finished results of its rung
 * (failed trials count as finished and worst, and are never promoted). `ask` looks for a promotion first, from the
 * highest rung down, and otherwise starts a new configuration, so it never waits for a rung to fill: parallel
 * workers may ask many times before any result is told.
 */
export class AshaSearch implements Searcher {
  /** Every result told so far, in order; failed trials have `loss: null`. */
  readonly history: TrialResult[] = [];
  private readonly source: ConfigSource;
  private readonly configs: Config[] = [];
  /** Per rung: finished results by config id (null for a failure). */
  private readonly finished: Map<number, number | null>[];
  /** Per rung: config ids already promoted out of it. */
  private readonly promoted: Set<number>[];
  /** Asked and not yet told, by `key@rung`. */
  private readonly pending = new Map<string, number>();
  private fullLeft: number;

  constructor(domain: SearchDomain, seed: number, private readonly h: Halving, private readonly proposer?: Proposer) {
    this.source = new ConfigSource(domain, new Rng(seed), proposer);
    this.finished = h.rungs.map(() => new Map());
    this.promoted = h.rungs.map(() => new Set());
    this.fullLeft = h.fullFirst;
  }

  ask(): Candidate | undefined {
    const up = this.promotion();
    if (up) {
      this.promoted[up.rung].add(up.config.id);
      return this.start(up.config, up.rung + 1);
    }
    const base = this.source.next();
    if (!base) return undefined;
    const config: Config = { id: this.configs.length, base, key: candidateKey(base.estimator, base.params) };
    this.configs.push(config);
    if (this.fullLeft > 0) {
      this.fullLeft--;
      return this.start(config, this.h.rungs.length - 1);
    }
    return this.start(config, 0);
  }

  tell(result: TrialResult): void {
    this.history.push(result);
    const { estimator, params, fidelity } = result.candidate;
    const loss = result.loss !== null && Number.isFinite(result.loss) ? result.loss : null;
    this.proposer?.observe(estimator, params, fidelity ?? 1, loss);
    const rung = rungOf(this.h, fidelity);
    const slot = `${candidateKey(estimator, params)}@${rung}`;
    const id = this.pending.get(slot);
    // A result for a trial this search did not ask (e.g. replayed from elsewhere): only keep it from being asked again.
    if (id === undefined) {
      this.source.claim(estimator, params);
      return;
    }
    this.pending.delete(slot);
    this.finished[rung].set(id, loss);
  }

  /** The configurations a rung would promote now: the best ⌊n/η⌋ finished ones, successes only, best first. */
  promotable(rung: number): number[] {
    const done = [...this.finished[rung]];
    const quota = Math.floor(done.length / this.h.eta);
    const ok = done.filter((d): d is [number, number] => d[1] !== null).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    return ok.slice(0, quota).map((d) => d[0]).filter((id) => !this.promoted[rung].has(id));
  }

  private promotion(): { config: Config; rung: number } | undefined {
    for (let rung = this.h.rungs.length - 2; rung >= 0; rung--) {
      const ids = this.promotable(rung);
      if (ids.length > 0) return { config: this.configs[ids[0]], rung };
    }
    return undefined;
  }

  private start(config: Config, rung: number): Candidate {
    this.pending.set(`${config.key}@${rung}`, config.id);
    return { estimator: config.base.estimator, params: config.base.params, fidelity: this.h.rungs[rung] };
  }
}
