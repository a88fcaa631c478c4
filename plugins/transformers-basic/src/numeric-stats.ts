import { kthSmallest, previousSmallest } from './select-kth.js';

/** The non-missing (non-NaN) values of a column, copied. */
export function presentValues(col: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < col.length; i++) if (col[i] === col[i]) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < col.length; i++) if (col[i] === col[i]) out[k++] = col[i];
  return out;
}

/** Arithmetic mean; NaN when empty. */
export function mean(values: Float64Array): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Median as numpy computes it (mean of the two middle values when the count is even); NaN when empty. */
export function median(values: Float64Array): number {
  return medianInPlace(values.slice());
}

/**
 * `median` without the copy, in linear expected time: reorders `values` (no NaN). Equal bit for bit to the middle
 * of a sorted copy, which is what it replaced.
 */
export function medianInPlace(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  const upper = kthSmallest(values, h);
  return n % 2 ? upper : (previousSmallest(values, h) + upper) / 2;
}
