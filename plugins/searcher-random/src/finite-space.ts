import { inDomain, type Domain, type Params, type ParamValue, type SearchSpace } from '@autopipe/core';

/** Spaces with more points than this are treated as inexhaustible: enumerating them would cost more than it saves. */
export const ENUMERATION_LIMIT = 10_000;

/** The distinct values a domain can take, or `undefined` when it is continuous. */
function domainValues(d: Domain): ParamValue[] | undefined {
  if (d.kind === 'categorical') return [...new Set(d.choices)];
  if (d.kind === 'float') return d.low === d.high ? [d.low] : undefined;
  const lo = Math.ceil(d.low);
  const hi = Math.floor(d.high);
  if (hi - lo + 1 > ENUMERATION_LIMIT) return undefined;
  const out: number[] = [];
  for (let v = lo; v <= hi; v++) out.push(v);
  return out;
}

/** A search space small and discrete enough to count and enumerate. */
export interface FiniteSpace {
  readonly size: number;
  /** The `i`-th point (0 ≤ i < size), mixed-radix over the sorted parameter names. */
  point(i: number): Params;
}

/** Returns the space as a finite set of points, or `undefined` when it is continuous or too large. */
export function finiteSpace(defaults: Params, space: SearchSpace): FiniteSpace | undefined {
  const keys = Object.keys(space).sort();
  const values: ParamValue[][] = [];
  let size = 1;
  for (const k of keys) {
    const v = domainValues(space[k]);
    if (!v) return undefined;
    size *= v.length;
    if (size > ENUMERATION_LIMIT) return undefined;
    values.push(v);
  }
  return {
    size,
    point(i) {
      const out: Record<string, ParamValue> = { ...defaults };
      for (let j = keys.length - 1; j >= 0; j--) {
        const r = values[j].length;
        out[keys[j]] = values[j][i % r];
        i = Math.floor(i / r);
      }
      return Object.freeze(out);
    },
  };
}

/** True when `params` is one of the points sampling can produce: every space value in its domain, the rest at their defaults. */
export function inSpace(defaults: Params, space: SearchSpace, params: Params): boolean {
  for (const k of Object.keys(space)) if (!(k in params) || !inDomain(space[k], params[k])) return false;
  for (const k of Object.keys(params)) if (!(k in space) && params[k] !== defaults[k]) return false;
  for (const k of Object.keys(defaults)) if (!(k in params)) return false;
  return true;
}
