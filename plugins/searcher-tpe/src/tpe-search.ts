import { Rng, sampleParams, type Candidate, type Params, type ParamValue, type SearchDomain, type Searcher, type SearchSpace, type TrialResult } from '@autopipe/core';
import { CategoricalFrequencies, TruncatedMixture } from './parzen.js';
import { candidateKey, fromUnit, toUnit, unitSpace, type NumericDim, type UnitSpace } from '@autopipe/core';

/** Tuning knobs of TPE; the defaults follow hyperopt/Optuna. */
export interface TpeOptions {
  /** Fraction of finished trials (best first) that model the "good" density l(x). */
  readonly gamma: number;
  /** Random trials after the defaults and portfolio, before the model steers. */
  readonly nStartup: number;
  /** Draws from l(x) scored by l(x)/g(x) per ask. */
  readonly nEiCandidates: number;
  /** Weight of the uniform-ish prior component in every density. */
  readonly priorWeight: number;
}

export const TPE_DEFAULTS: TpeOptions = { gamma: 0.2, nStartup: 10, nEiCandidates: 24, priorWeight: 1 };

/** Fresh random draws tried before accepting a repeat. */
const RETRIES = 64;

interface Arm {
  readonly key: string;
  readonly defaults: Params;
  readonly space: SearchSpace;
  readonly unit: UnitSpace;
}

/** A finished trial in model coordinates; failed trials have an infinite loss, so they are always "bad". */
interface Observation {
  readonly id: number;
  readonly arm: number;
  readonly loss: number;
  readonly numeric: Float64Array;
  /** Choice index per categorical dimension, -1 when the value is not among the choices. */
  readonly categorical: Int32Array;
}

/** The densities of one estimator's parameters, fitted to one side (good or bad) of the split. */
interface Densities {
  readonly numeric: TruncatedMixture[];
  readonly categorical: CategoricalFrequencies[];
}

/** The unit interval a value owns: a point for floats, its rounding bin for integers. */
function binOf(d: NumericDim, v: number): [number, number] {
  if (d.kind === 'float') return [toUnit(d, v), toUnit(d, v)];
  return [toUnit(d, v - 0.5), toUnit(d, v + 0.5)];
}

/**
 * Tree-structured Parzen Estimator over a mixed, conditional space. The estimator is a categorical root and
 * each estimator's parameters exist only under it. After the defaults, the portfolio and `nStartup` random
 * trials, each ask splits the finished trials into the best `gamma` fraction and the rest, fits l(x) and g(x)
 * (Parzen windows for numbers in the (log-)unit interval, smoothed counts for choices, per estimator for its
 * own parameters), draws `nEiCandidates` points from l and returns the one maximizing l(x)/g(x).
 */
export class TpeSearch implements Searcher {
  /** Every result told so far, in order; failed trials have `loss: null`. */
  readonly history: TrialResult[] = [];
  private readonly options: TpeOptions;
  private readonly rng: Rng;
  private readonly arms: Arm[];
  private readonly armIndex = new Map<string, number>();
  private readonly queue: Candidate[] = [];
  private readonly seen = new Set<string>();
  private readonly observations: Observation[] = [];
  private startupLeft: number;

  constructor(domain: SearchDomain, seed: number, options: Partial<TpeOptions> = {}) {
    this.options = { ...TPE_DEFAULTS, ...options };
    this.rng = new Rng(seed);
    this.startupLeft = this.options.nStartup;
    this.arms = domain.estimators.map((e) => ({ key: e.key, defaults: e.defaults, space: e.space, unit: unitSpace(e.space) }));
    this.arms.forEach((a, i) => { if (!this.armIndex.has(a.key)) this.armIndex.set(a.key, i); });
    for (const e of domain.estimators) this.queue.push({ estimator: e.key, params: Object.freeze({ ...e.defaults }) });
    const longest = Math.max(0, ...domain.estimators.map((e) => e.portfolio?.length ?? 0));
    for (let i = 0; i < longest; i++) {
      for (const e of domain.estimators) {
        const p = e.portfolio?.[i];
        if (p) this.queue.push({ estimator: e.key, params: Object.freeze({ ...e.defaults, ...p }) });
      }
    }
  }

  ask(): Candidate | undefined {
    while (this.queue.length > 0) {
      const c = this.queue.shift()!;
      if (this.remember(c)) return c;
    }
    if (this.arms.length === 0) return undefined;
    const finished = this.observations.filter((o) => Number.isFinite(o.loss)).length;
    if (this.startupLeft > 0 || finished < 2) {
      this.startupLeft = Math.max(0, this.startupLeft - 1);
      return this.random();
    }
    return this.model() ?? this.random();
  }

  tell(result: TrialResult): void {
    this.history.push(result);
    this.seen.add(candidateKey(result.candidate.estimator, result.candidate.params));
    const arm = this.armIndex.get(result.candidate.estimator);
    if (arm === undefined) return;
    const { unit } = this.arms[arm];
    const p = result.candidate.params;
    this.observations.push({
      id: result.id, arm,
      loss: result.loss !== null && Number.isFinite(result.loss) ? result.loss : Infinity,
      numeric: Float64Array.from(unit.numeric, (d) => (typeof p[d.name] === 'number' ? toUnit(d, p[d.name] as number) : 0.5)),
      categorical: Int32Array.from(unit.categorical, (d) => d.choices.indexOf(p[d.name])),
    });
  }

  private random(): Candidate {
    const arm = this.arms[this.rng.int(this.arms.length)];
    let c: Candidate | undefined;
    for (let t = 0; t < RETRIES; t++) {
      c = { estimator: arm.key, params: sampleParams(arm.defaults, arm.space, this.rng) };
      if (this.remember(c)) return c;
    }
    return c!;
  }

  /** The best of `nEiCandidates` draws from l(x) by log l(x) − log g(x), or undefined when every draw was seen. */
  private model(): Candidate | undefined {
    const { gamma, priorWeight, nEiCandidates } = this.options;
    const sorted = [...this.observations].sort((a, b) => a.loss - b.loss || a.id - b.id);
    const finite = sorted.filter((o) => Number.isFinite(o.loss)).length;
    const nGood = Math.max(1, Math.min(finite, Math.ceil(gamma * sorted.length)));
    const good = sorted.slice(0, nGood);
    const bad = sorted.slice(nGood);
    const rootL = new CategoricalFrequencies(this.arms.length, good.map((o) => o.arm), priorWeight);
    const rootG = new CategoricalFrequencies(this.arms.length, bad.map((o) => o.arm), priorWeight);
    const cache = new Map<number, [Densities, Densities]>();
    const densities = (arm: number): [Densities, Densities] => {
      let d = cache.get(arm);
      if (!d) {
        d = [this.fit(arm, good.filter((o) => o.arm === arm)), this.fit(arm, bad.filter((o) => o.arm === arm))];
        cache.set(arm, d);
      }
      return d;
    };

    let best: Candidate | undefined;
    let bestScore = -Infinity;
    for (let i = 0; i < nEiCandidates; i++) {
      const arm = rootL.sample(this.rng);
      const { key, defaults, unit } = this.arms[arm];
      const [l, g] = densities(arm);
      let score = rootL.logProb(arm) - rootG.logProb(arm);
      const params: Record<string, ParamValue> = { ...defaults };
      unit.numeric.forEach((d, j) => {
        const v = fromUnit(d, l.numeric[j].sample(this.rng));
        const [lo, hi] = binOf(d, v);
        score += d.kind === 'float' ? l.numeric[j].logPdf(lo) - g.numeric[j].logPdf(lo) : l.numeric[j].logMass(lo, hi) - g.numeric[j].logMass(lo, hi);
        params[d.name] = v;
      });
      unit.categorical.forEach((d, j) => {
        const k = l.categorical[j].sample(this.rng);
        score += l.categorical[j].logProb(k) - g.categorical[j].logProb(k);
        params[d.name] = d.choices[k];
      });
      const c: Candidate = { estimator: key, params: Object.freeze(params) };
      if (score > bestScore && !this.seen.has(candidateKey(key, c.params))) {
        best = c;
        bestScore = score;
      }
    }
    if (best) this.remember(best);
    return best;
  }

  private fit(arm: number, obs: readonly Observation[]): Densities {
    const { unit } = this.arms[arm];
    const w = this.options.priorWeight;
    return {
      numeric: unit.numeric.map((_, j) => new TruncatedMixture(obs.map((o) => o.numeric[j]), w)),
      categorical: unit.categorical.map((d, j) => new CategoricalFrequencies(d.choices.length, obs.map((o) => o.categorical[j]), w)),
    };
  }

  /** Marks a candidate as seen; false if it already was. */
  private remember(c: Candidate): boolean {
    const key = candidateKey(c.estimator, c.params);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}
