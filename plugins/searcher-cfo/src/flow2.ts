import type { Params, ParamValue, Rng } from '@autopipe/core';
import { fromUnit, toUnit, type UnitSpace } from '@autopipe/core';

/** FLAML's initial step: 0.1 per coordinate on average along a random unit direction. */
const STEP = 0.1;
/** Halvings of the step before the thread restarts from its incumbent with a fresh step. */
const HALVINGS = 6;

/**
 * Randomized direct search (FLOW², Wu et al. 2021) for one estimator in its normalized space. From the
 * incumbent x it tries x + δu for a random unit direction u, then x − δu; an improvement moves x there.
 * After 2^(d−1) (at most 8) directions without improvement the step δ halves; once it is tiny the thread
 * restarts with the initial step. Categorical parameters flip to another choice with a probability that
 * follows the step. Moves that make a trial much slower must pay for it: a proposal taking r times the
 * incumbent's seconds (r > 1.5) has to improve the loss by 0.1% of |loss| per doubling, so cost-related
 * parameters (n_estimators, max_leaves, ...) grow only when the gain is worth the time.
 */
export class Flow2 {
  /** The incumbent's full params (parameters outside the space come from it, e.g. from a portfolio entry). */
  incumbent: Params;
  loss = Infinity;
  seconds = 0;
  /** Complete proposals made since the last improvement or step change. */
  private fails = 0;
  private step: number;
  private readonly initStep: number;
  private readonly maxFails: number;
  private readonly dims: number;
  private direction: Float64Array | null = null;
  /**
   * Proposals in flight: candidate key, + or − side, and the direction they step along. With trials in parallel the −
   * side is asked while the + side is still running (as FLAML's FLOW² does), so at most both sides of one direction.
   */
  private readonly pending: { key: string; side: 1 | -1; direction: Float64Array }[] = [];

  constructor(private readonly unit: UnitSpace, start: Params) {
    this.incumbent = start;
    this.dims = unit.numeric.length + unit.categorical.length;
    this.initStep = STEP * Math.sqrt(Math.max(1, this.dims));
    this.step = this.initStep;
    this.maxFails = Math.min(8, 2 ** Math.max(0, this.dims - 1));
  }

  /** False when the space has nothing to move. */
  get movable(): boolean {
    return this.dims > 0;
  }

  /** True while both sides of the current direction are in flight: the next step needs a result first. */
  get busy(): boolean {
    return this.pending.some((p) => p.side === -1 && p.direction === this.direction);
  }

  /** The next point to try; `keyOf` names it so its result can be matched in `observe`. */
  propose(rng: Rng, keyOf: (p: Params) => string): Params {
    const side: 1 | -1 = this.direction ? -1 : 1;
    if (!this.direction) {
      const u = new Float64Array(this.unit.numeric.length);
      let norm = 0;
      for (let j = 0; j < u.length; j++) { u[j] = rng.normal(); norm += u[j] * u[j]; }
      // Categorical dimensions take part in the norm so the step per dimension stays comparable.
      norm = Math.sqrt(norm + this.unit.categorical.length);
      for (let j = 0; j < u.length; j++) u[j] /= norm;
      this.direction = u;
    }
    const out: Record<string, ParamValue> = { ...this.incumbent };
    this.unit.numeric.forEach((d, j) => {
      const v = this.incumbent[d.name];
      const x = typeof v === 'number' ? toUnit(d, v) : 0.5;
      out[d.name] = fromUnit(d, x + side * this.step * this.direction![j]);
    });
    const flip = Math.min(0.5, Math.max(0.02, this.step / Math.sqrt(Math.max(1, this.dims))));
    for (const d of this.unit.categorical) {
      const at = d.choices.indexOf(this.incumbent[d.name]);
      if (at < 0) out[d.name] = d.choices[rng.int(d.choices.length)];
      else if (rng.next() < flip) out[d.name] = d.choices[(at + 1 + rng.int(d.choices.length - 1)) % d.choices.length];
    }
    const params = Object.freeze(out);
    this.pending.push({ key: keyOf(params), side, direction: this.direction });
    return params;
  }

  /**
   * Takes a finished trial of this estimator (the proposal in flight or any other, e.g. a portfolio entry).
   * Returns true when it became the incumbent.
   */
  observe(key: string, params: Params, loss: number, seconds: number): boolean {
    const at = this.pending.findIndex((p) => p.key === key);
    const mine = at >= 0 ? this.pending.splice(at, 1)[0] : undefined;
    const better = mine ? loss < this.loss - this.toll(seconds) : loss < this.loss;
    if (better) {
      this.incumbent = params;
      this.loss = loss;
      this.seconds = seconds;
    }
    // A side of a direction already left behind (the other side improved first) only competes as a point.
    if (!mine || mine.direction !== this.direction) {
      if (better && mine) this.fails = 0;
      return better;
    }
    if (better) {
      this.direction = null;
      this.fails = 0;
    } else if (mine.side === 1) {
      return false; // the − side of the same direction comes next (or is already in flight)
    } else {
      this.direction = null;
      if (++this.fails >= this.maxFails) {
        this.fails = 0;
        this.step /= 2;
        if (this.step < this.initStep / 2 ** HALVINGS) this.step = this.initStep;
      }
    }
    return better;
  }

  /** Abandons the proposal in flight (it was a repeat), counting it as no improvement. */
  abandon(key: string): void {
    if (this.pending.some((p) => p.key === key)) this.observe(key, this.incumbent, Infinity, 0);
  }

  /** The improvement a slower proposal must bring: 0.1% of |loss| per doubling of the incumbent's seconds. */
  private toll(seconds: number): number {
    if (!Number.isFinite(this.loss) || !(this.seconds > 0) || seconds <= 1.5 * this.seconds) return 0;
    return 1e-3 * Math.abs(this.loss) * Math.log2(seconds / this.seconds);
  }
}
