/** For searcher authors: search spaces as the unit hypercube model-based and local searchers work in. */
import type { Domain, Params, ParamValue, SearchSpace } from './search-space.js';

/** A numeric hyperparameter mapped onto [0, 1] (through the log when the domain says so). */
export interface NumericDim {
  readonly name: string;
  readonly kind: 'float' | 'int';
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  /** Ends of the transformed interval; integers get half a step either side so every value owns an equal bin. */
  readonly a: number;
  readonly b: number;
}

export interface CategoricalDim {
  readonly name: string;
  readonly choices: readonly ParamValue[];
}

/** An estimator's search space split into numeric and categorical dimensions, in sorted name order. */
export interface UnitSpace {
  readonly numeric: readonly NumericDim[];
  readonly categorical: readonly CategoricalDim[];
}

function numericDim(name: string, d: Extract<Domain, { kind: 'float' | 'int' }>): NumericDim {
  const log = d.log === true && d.low > 0;
  const pad = d.kind === 'int' ? 0.5 : 0;
  const lo = log && d.low - pad <= 0 ? d.low : d.low - pad;
  const t = (v: number): number => (log ? Math.log(v) : v);
  return { name, kind: d.kind, low: d.low, high: d.high, log, a: t(lo), b: t(d.high + pad) };
}

/** Splits a search space into dimensions; single-point ranges are left out (they cannot move). */
export function unitSpace(space: SearchSpace): UnitSpace {
  const numeric: NumericDim[] = [];
  const categorical: CategoricalDim[] = [];
  for (const name of Object.keys(space).sort()) {
    const d = space[name];
    if (d.kind === 'categorical') {
      if (d.choices.length > 1) categorical.push({ name, choices: d.choices });
    } else if (d.high > d.low) {
      numeric.push(numericDim(name, d));
    }
  }
  return { numeric, categorical };
}

/** The unit coordinate of a value, clipped to [0, 1] (defaults may lie outside the space). */
export function toUnit(d: NumericDim, v: number): number {
  if (d.b === d.a) return 0.5;
  const t = d.log ? Math.log(Math.max(v, Number.MIN_VALUE)) : v;
  const u = (t - d.a) / (d.b - d.a);
  return u < 0 ? 0 : u > 1 ? 1 : Number.isFinite(u) ? u : 0.5;
}

/** The value at a unit coordinate, inside [low, high] and rounded for integers. */
export function fromUnit(d: NumericDim, u: number): number {
  const t = d.a + Math.min(1, Math.max(0, u)) * (d.b - d.a);
  let v = d.log ? Math.exp(t) : t;
  if (d.kind === 'int') v = Math.round(v);
  return Math.min(d.high, Math.max(d.low, v));
}

/** A canonical text for a candidate: parameter order must not make two equal candidates look different. */
export function candidateKey(estimator: string, params: Params): string {
  return JSON.stringify([estimator, Object.keys(params).sort().map((k) => [k, params[k]])]);
}
