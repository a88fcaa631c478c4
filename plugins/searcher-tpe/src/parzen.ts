import type { Rng } from '@autopipe/core';
import { logSumExp, normalCdf, normalLogPdf } from './normal.js';

/** Smallest mass a density may report, so an empty bin never produces log(0). */
const FLOOR = 1e-12;

/**
 * A Parzen window estimator on [0, 1]: one Gaussian per observation plus a broad prior component (mean 0.5,
 * sd 1), each truncated to the unit interval. Bandwidths follow hyperopt/Optuna: the larger gap to a sorted
 * neighbour (the interval ends count as neighbours), clipped to [1 / min(100, n + 1), 1] ("magic clip") so a
 * cluster of equal values does not collapse to a spike.
 */
export class TruncatedMixture {
  readonly mus: Float64Array;
  readonly sigmas: Float64Array;
  /** Log of each component's weight divided by its mass inside [0, 1]. */
  private readonly logScale: Float64Array;
  private readonly cumWeights: Float64Array;

  constructor(observed: ArrayLike<number>, priorWeight = 1) {
    const n = observed.length;
    const sorted = Float64Array.from(observed).sort();
    const mus = new Float64Array(n + 1);
    const sigmas = new Float64Array(n + 1);
    const minSigma = 1 / Math.min(100, n + 1);
    for (let i = 0; i < n; i++) {
      const left = sorted[i] - (i > 0 ? sorted[i - 1] : 0);
      const right = (i < n - 1 ? sorted[i + 1] : 1) - sorted[i];
      mus[i] = sorted[i];
      sigmas[i] = Math.min(1, Math.max(minSigma, left, right));
    }
    mus[n] = 0.5;
    sigmas[n] = 1;
    const total = n + priorWeight;
    this.mus = mus;
    this.sigmas = sigmas;
    this.logScale = new Float64Array(n + 1);
    this.cumWeights = new Float64Array(n + 1);
    let acc = 0;
    for (let k = 0; k <= n; k++) {
      const w = (k === n ? priorWeight : 1) / total;
      acc += w;
      this.cumWeights[k] = acc;
      const mass = normalCdf((1 - mus[k]) / sigmas[k]) - normalCdf(-mus[k] / sigmas[k]);
      this.logScale[k] = Math.log(w) - Math.log(Math.max(mass, FLOOR));
    }
  }

  /** Draws a point: a component by weight, then its Gaussian by rejection inside [0, 1]. */
  sample(rng: Rng): number {
    const u = rng.next() * this.cumWeights[this.cumWeights.length - 1];
    let k = 0;
    while (k < this.cumWeights.length - 1 && this.cumWeights[k] <= u) k++;
    for (let t = 0; t < 64; t++) {
      const x = this.mus[k] + this.sigmas[k] * rng.normal();
      if (x >= 0 && x <= 1) return x;
    }
    return Math.min(1, Math.max(0, this.mus[k]));
  }

  /** Log density at x (for continuous parameters). */
  logPdf(x: number): number {
    const v = new Float64Array(this.mus.length);
    for (let k = 0; k < v.length; k++) v[k] = this.logScale[k] + normalLogPdf(x, this.mus[k], this.sigmas[k]);
    return logSumExp(v);
  }

  /** Log probability of the interval [lo, hi] (for integer parameters, whose values own a bin each). */
  logMass(lo: number, hi: number): number {
    let s = 0;
    for (let k = 0; k < this.mus.length; k++) {
      const m = normalCdf((hi - this.mus[k]) / this.sigmas[k]) - normalCdf((lo - this.mus[k]) / this.sigmas[k]);
      s += Math.exp(this.logScale[k]) * m;
    }
    return Math.log(Math.max(s, FLOOR));
  }
}

/** Smoothed frequencies over `k` choices: counts plus a prior weight spread evenly. */
export class CategoricalFrequencies {
  readonly probs: Float64Array;

  constructor(k: number, observed: ArrayLike<number>, priorWeight = 1) {
    const w = new Float64Array(k).fill(priorWeight / k);
    for (let i = 0; i < observed.length; i++) if (observed[i] >= 0 && observed[i] < k) w[observed[i]] += 1;
    let s = 0;
    for (let i = 0; i < k; i++) s += w[i];
    for (let i = 0; i < k; i++) w[i] /= s;
    this.probs = w;
  }

  sample(rng: Rng): number {
    let u = rng.next();
    for (let i = 0; i < this.probs.length - 1; i++) {
      u -= this.probs[i];
      if (u < 0) return i;
    }
    return this.probs.length - 1;
  }

  logProb(i: number): number {
    return Math.log(this.probs[i]);
  }
}
