import { Rng, sampleParams, type Candidate, type Params, type SearchDomain, type Searcher, type SearchSpace, type TrialResult } from '@autopipe/core';
import { ArmStats, eci, meanSeconds } from './eci.js';
import { Flow2 } from './flow2.js';
import { candidateKey, unitSpace } from '@autopipe/core';

/** Repeats in a row (proposals already tried) before an estimator is given up as exhausted. */
const MAX_REPEATS = 32;

interface Arm {
  readonly key: string;
  readonly defaults: Params;
  readonly space: SearchSpace;
  readonly flow: Flow2;
  readonly stats: ArmStats;
  /** Asks not yet told (the trainer asks the next trial while the last is still running). */
  pending: number;
  /** Portfolio entries not yet asked. */
  readonly portfolio: Params[];
  exhausted: boolean;
}

/**
 * Cost-frugal search in the spirit of FLAML's CFO: every estimator's defaults, cheapest estimator first (by its
 * declared `cost`); after that an estimator is drawn with probability proportional to 1 / (ECI × its mean seconds
 * per trial), ECI being its estimated seconds to improve (see `eci`), and it asks its portfolio entries before FLOW²
 * local-search steps from its incumbent.
 * `seconds` from `tell` is the cost. Portfolio entries are not part of the opening round: on larger data a round of
 * every family's second configuration costs as much as the search itself, and ECI already sends the next trials to
 * the families that are cheap and good.
 */
export class CfoSearch implements Searcher {
  /** Every result told so far, in order; failed trials have `loss: null`. */
  readonly history: TrialResult[] = [];
  private readonly rng: Rng;
  private readonly arms: Arm[];
  private readonly byKey = new Map<string, Arm>();
  private readonly queue: Candidate[] = [];
  /** Known losses by candidate key (`null` for a failure, `undefined` while in flight). */
  private readonly known = new Map<string, number | null | undefined>();
  private best = Infinity;

  constructor(domain: SearchDomain, seed: number) {
    this.rng = new Rng(seed);
    // Cheapest first, so a tiny budget still sees the cheap estimators; undeclared costs count as 1.
    const order = domain.estimators.map((e, i) => ({ e, i })).sort((a, b) => (a.e.cost ?? 1) - (b.e.cost ?? 1) || a.i - b.i).map((x) => x.e);
    this.arms = order.map((e) => ({
      key: e.key, defaults: e.defaults, space: e.space, flow: new Flow2(unitSpace(e.space), Object.freeze({ ...e.defaults })),
      stats: new ArmStats(), pending: 0, portfolio: (e.portfolio ?? []).map((p) => Object.freeze({ ...e.defaults, ...p })), exhausted: false,
    }));
    for (const a of this.arms) if (!this.byKey.has(a.key)) this.byKey.set(a.key, a);
    for (const a of this.arms) this.queue.push({ estimator: a.key, params: Object.freeze({ ...a.defaults }) });
  }

  ask(): Candidate | undefined {
    const c = this.pick();
    const arm = c && this.byKey.get(c.estimator);
    if (arm) arm.pending++;
    return c;
  }

  private pick(): Candidate | undefined {
    while (this.queue.length > 0) {
      const c = this.queue.shift()!;
      if (this.claim(c)) return c;
    }
    for (;;) {
      const arm = this.choose();
      if (!arm) return undefined;
      const c = this.next(arm);
      if (c) return c;
      arm.exhausted = true;
    }
  }

  tell(result: TrialResult): void {
    this.history.push(result);
    const key = candidateKey(result.candidate.estimator, result.candidate.params);
    const loss = result.loss !== null && Number.isFinite(result.loss) ? result.loss : null;
    this.known.set(key, loss);
    const arm = this.byKey.get(result.candidate.estimator);
    if (!arm) return;
    arm.pending = Math.max(0, arm.pending - 1);
    arm.stats.record(loss, Math.max(0, result.seconds));
    arm.flow.observe(key, result.candidate.params, loss ?? Infinity, Math.max(0, result.seconds));
    if (loss !== null && loss < this.best) this.best = loss;
  }

  /**
   * Draws an estimator with probability ∝ 1 / (ECI × its mean trial seconds) among those not exhausted, so that its
   * share of the *time* is ∝ 1 / ECI (improvements per second). FLAML draws ∝ 1 / ECI, which gives a family time in
   * proportion to its trial cost as well: an MLP at 1–14 s a trial, drawn for 2–3% of the trials, still took half the
   * trial time of phoneme, car and australian at 60 s while far behind. An estimator whose first trial is still
   * running is left out while others can be drawn: with nothing measured its ECI is ~0, and a lookahead ask would
   * otherwise always repeat it — a second 14 s MLP before the first 9 s one had shown it was far behind (phoneme).
   */
  private choose(): Arm | undefined {
    const live = this.arms.filter((a) => !a.exhausted);
    const known = live.filter((a) => a.stats.trials > 0 || a.pending === 0);
    const open = known.length > 0 ? known : live;
    if (open.length === 0) return undefined;
    const spread = this.arms.reduce((m, a) => (Number.isFinite(a.stats.best) ? Math.max(m, a.stats.best - this.best) : m), 0);
    const w = open.map((a) => 1 / (eci(a.stats, this.best, spread) * meanSeconds(a.stats)));
    let u = this.rng.next() * w.reduce((s, x) => s + x, 0);
    for (let i = 0; i < open.length; i++) {
      u -= w[i];
      if (u < 0) return open[i];
    }
    return open[open.length - 1];
  }

  /** The estimator's next untried candidate: a portfolio entry, a FLOW² step, or (while a step is in flight) a random point. */
  private next(arm: Arm): Candidate | undefined {
    while (arm.portfolio.length > 0) {
      const c = { estimator: arm.key, params: arm.portfolio.shift()! };
      if (this.claim(c)) return c;
    }
    const keyOf = (p: Params) => candidateKey(arm.key, p);
    for (let t = 0; t < MAX_REPEATS; t++) {
      if (!arm.flow.movable) return undefined;
      if (arm.flow.busy) {
        const c = { estimator: arm.key, params: sampleParams(arm.defaults, arm.space, this.rng) };
        if (this.claim(c)) return c;
        continue;
      }
      const params = arm.flow.propose(this.rng, keyOf);
      const c = { estimator: arm.key, params };
      if (this.claim(c)) return c;
      // A repeat: feed the known result back without spending a trial on it.
      const key = keyOf(params);
      const loss = this.known.get(key);
      if (loss === undefined) arm.flow.abandon(key);
      else arm.flow.observe(key, params, loss ?? Infinity, arm.flow.seconds);
    }
    // Local search keeps landing on tried points (a small or converged space): look anywhere before giving up.
    for (let t = 0; t < MAX_REPEATS; t++) {
      const c = { estimator: arm.key, params: sampleParams(arm.defaults, arm.space, this.rng) };
      if (this.claim(c)) return c;
    }
    return undefined;
  }

  /** Reserves a candidate; false if it was asked or told before. */
  private claim(c: Candidate): boolean {
    const key = candidateKey(c.estimator, c.params);
    if (this.known.has(key)) return false;
    this.known.set(key, undefined);
    return true;
  }
}
