import { fromUnit, sampleParams, toUnit, unitSpace, type Params, type ParamValue, type Rng, type SearchDomain, type UnitSpace } from '@autopipe/core';
import type { Proposer } from './proposer.js';

type Arm = SearchDomain['estimators'][number];

interface Point {
  readonly u: Float64Array;
  /** Index of each categorical value in its choices (-1 when outside them). */
  readonly c: Int32Array;
  readonly loss: number;
}

/** TPE settings (the BOHB defaults of Falkner et al. 2018, scaled to autopipe's small budgets). */
export interface TpeOptions {
  /** Share of new configurations still drawn at random, so the model keeps seeing the whole space. */
  readonly randomFraction?: number;
  /** Share of the observations that form the "good" density l(x). */
  readonly gamma?: number;
  /** Candidates drawn from l(x); the one with the highest l(x) / g(x) is proposed. */
  readonly candidates?: number;
}

const MIN_BANDWIDTH = 0.03;

/** Gaussian kernel density in [0, 1] over one dimension; log, up to a constant shared by l and g. */
function logKde(points: readonly Point[], dim: number, x: number, h: number): number {
  let s = 0;
  for (const p of points) {
    const z = (x - p.u[dim]) / h;
    s += Math.exp(-0.5 * z * z);
  }
  return Math.log(s / (points.length * h) + 1e-12);
}

/** Scott's rule on one dimension, floored so a tight cluster still explores around itself. */
function bandwidth(points: readonly Point[], dim: number): number {
  const n = points.length;
  let m = 0;
  for (const p of points) m += p.u[dim] / n;
  let v = 0;
  for (const p of points) v += (p.u[dim] - m) ** 2 / n;
  return Math.max(MIN_BANDWIDTH, 1.06 * Math.sqrt(v) * n ** -0.2);
}

/** Smoothed log frequency of a categorical value among the points (one pseudo-count per choice). */
function logFreq(points: readonly Point[], dim: number, k: number, value: number): number {
  let hits = 0;
  for (const p of points) if (p.c[dim] === value) hits++;
  return Math.log((hits + 1) / (points.length + k));
}

/**
 * A small TPE per estimator in the style of BOHB: it models the highest fidelity that has enough successful results
 * (more than the estimator has dimensions), splits them into the best γ and the rest, and proposes the candidate
 * drawn around the good points with the highest l(x) / g(x). Until then, and for a share of draws, it proposes
 * nothing and the caller samples at random.
 */
export class TpeProposer implements Proposer {
  private readonly spaces = new Map<string, UnitSpace>();
  /** Per estimator, per fidelity: successful observations. */
  private readonly seen = new Map<string, Map<number, Point[]>>();
  private readonly randomFraction: number;
  private readonly gamma: number;
  private readonly candidates: number;

  constructor(domain: SearchDomain, o: TpeOptions = {}) {
    for (const e of domain.estimators) if (!this.spaces.has(e.key)) this.spaces.set(e.key, unitSpace(e.space));
    this.randomFraction = o.randomFraction ?? 1 / 3;
    this.gamma = o.gamma ?? 0.25;
    this.candidates = o.candidates ?? 24;
  }

  observe(estimator: string, params: Params, fidelity: number, loss: number | null): void {
    const space = this.spaces.get(estimator);
    if (!space || loss === null) return;
    const u = Float64Array.from(space.numeric, (d) => toUnit(d, params[d.name] as number));
    const c = Int32Array.from(space.categorical, (d) => d.choices.indexOf(params[d.name]));
    let byFidelity = this.seen.get(estimator);
    if (!byFidelity) this.seen.set(estimator, (byFidelity = new Map()));
    const list = byFidelity.get(fidelity) ?? [];
    list.push({ u, c, loss });
    byFidelity.set(fidelity, list);
  }

  propose(arm: Arm, rng: Rng): Params | undefined {
    const space = this.spaces.get(arm.key)!;
    const dims = space.numeric.length + space.categorical.length;
    // The draw happens whatever the outcome, so the random stream does not depend on how much the model knows.
    const explore = rng.next() < this.randomFraction;
    const points = this.modelled(arm.key, dims);
    if (explore || !points || dims === 0) return undefined;
    const sorted = [...points].sort((a, b) => a.loss - b.loss);
    const nGood = Math.max(2, Math.ceil(this.gamma * sorted.length));
    const good = sorted.slice(0, nGood);
    const bad = sorted.slice(nGood);
    const hGood = space.numeric.map((_, j) => bandwidth(good, j));
    const hBad = space.numeric.map((_, j) => bandwidth(bad, j));
    let best: { u: Float64Array; c: Int32Array; score: number } | undefined;
    for (let t = 0; t < this.candidates; t++) {
      const around = good[rng.int(good.length)];
      const u = Float64Array.from(space.numeric, (_, j) => reflect(around.u[j] + hGood[j] * rng.normal()));
      const c = Int32Array.from(space.categorical, (d, j) => drawChoice(good, j, d.choices.length, rng));
      let score = 0;
      for (let j = 0; j < u.length; j++) score += logKde(good, j, u[j], hGood[j]) - logKde(bad, j, u[j], hBad[j]);
      for (let j = 0; j < c.length; j++) {
        const k = space.categorical[j].choices.length;
        score += logFreq(good, j, k, c[j]) - logFreq(bad, j, k, c[j]);
      }
      if (!best || score > best.score) best = { u, c, score };
    }
    // Parameters outside the unit space (single-point ranges) still come from the space, as random search would.
    const out: Record<string, ParamValue> = { ...sampleParams(arm.defaults, arm.space, rng) };
    space.numeric.forEach((d, j) => { out[d.name] = fromUnit(d, best!.u[j]); });
    space.categorical.forEach((d, j) => { out[d.name] = d.choices[best!.c[j]]; });
    return Object.freeze(out);
  }

  /** Observations at the highest fidelity with more successes than dimensions plus one (and at least 6). */
  private modelled(estimator: string, dims: number): Point[] | undefined {
    const byFidelity = this.seen.get(estimator);
    if (!byFidelity) return undefined;
    const need = Math.max(6, dims + 2);
    const levels = [...byFidelity.keys()].sort((a, b) => b - a);
    for (const f of levels) if (byFidelity.get(f)!.length >= need) return byFidelity.get(f);
    return undefined;
  }
}

function reflect(u: number): number {
  let v = Math.abs(u) % 2;
  if (v > 1) v = 2 - v;
  return v;
}

/** A categorical value from the good points' smoothed frequencies. */
function drawChoice(good: readonly Point[], dim: number, k: number, rng: Rng): number {
  const w = new Float64Array(k).fill(1);
  let total = k;
  for (const p of good) {
    if (p.c[dim] >= 0) {
      w[p.c[dim]]++;
      total++;
    }
  }
  let r = rng.next() * total;
  for (let i = 0; i < k; i++) {
    r -= w[i];
    if (r < 0) return i;
  }
  return k - 1;
}
