import { inputError } from './errors.js';
import type { Rng } from './rng.js';

export type ParamValue = number | string | boolean;
/** Hyperparameters: immutable plain data. */
export type Params = Readonly<Record<string, ParamValue>>;

export type Domain =
  | { readonly kind: 'float'; readonly low: number; readonly high: number; readonly log?: boolean }
  | { readonly kind: 'int'; readonly low: number; readonly high: number; readonly log?: boolean }
  | { readonly kind: 'categorical'; readonly choices: readonly ParamValue[] };

/** The tunable hyperparameters of a plugin and their ranges; parameters not listed keep their defaults. */
export type SearchSpace = Readonly<Record<string, Domain>>;

export function sampleDomain(d: Domain, rng: Rng): ParamValue {
  if (d.kind === 'categorical') return d.choices[rng.int(d.choices.length)];
  const u = rng.next();
  let v: number;
  if (d.log) {
    const lo = Math.log(d.low);
    v = Math.exp(lo + u * (Math.log(d.high) - lo));
  } else {
    v = d.low + u * (d.high - d.low);
  }
  if (d.kind === 'int') return Math.min(d.high, Math.max(d.low, Math.round(v)));
  return Math.min(d.high, Math.max(d.low, v));
}

/** Draws every parameter of the space; the rest come from `defaults`. Keys are drawn in sorted order for determinism. */
export function sampleParams(defaults: Params, space: SearchSpace, rng: Rng): Params {
  const out: Record<string, ParamValue> = { ...defaults };
  for (const k of Object.keys(space).sort()) out[k] = sampleDomain(space[k], rng);
  return Object.freeze(out);
}

export function inDomain(d: Domain, v: unknown): boolean {
  if (d.kind === 'categorical') return d.choices.includes(v as ParamValue);
  if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  if (d.kind === 'int' && !Number.isInteger(v)) return false;
  return v >= d.low && v <= d.high;
}

/**
 * Merges user params over defaults and checks them: unknown names and values of the wrong type are errors.
 * Values outside the search space are allowed (the space is where search looks, not a hard limit) as long
 * as they have the default's type.
 */
export function resolveParams(owner: string, defaults: Params, given: Readonly<Record<string, unknown>> = {}): Params {
  const out: Record<string, ParamValue> = { ...defaults };
  for (const [k, v] of Object.entries(given)) {
    if (!(k in defaults)) {
      throw inputError('INVALID_PARAMS', `${owner} has no hyperparameter "${k}". Known: ${Object.keys(defaults).join(', ') || '(none)'}.`, { owner, param: k });
    }
    const want = typeof defaults[k];
    if (typeof v !== want || (want === 'number' && !Number.isFinite(v as number))) {
      throw inputError('INVALID_PARAMS', `${owner}: hyperparameter "${k}" must be a ${want}, got ${JSON.stringify(v)}.`, { owner, param: k });
    }
    out[k] = v as ParamValue;
  }
  return Object.freeze(out);
}

/** Parses `a=1,b=x,c=true` into params typed like the defaults (numbers, booleans, strings). */
export function parseParamString(owner: string, defaults: Params, text: string): Params {
  const given: Record<string, ParamValue> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw inputError('INVALID_PARAMS', `Cannot read "${part}": write hyperparameters as name=value, separated by commas.`);
    const k = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    const want = typeof defaults[k];
    given[k] = want === 'number' ? Number(raw) : want === 'boolean' ? raw === 'true' ? true : raw === 'false' ? false : (raw as never) : raw;
  }
  return resolveParams(owner, defaults, given);
}
