import { selectInPlace } from '@autopipe/core';

/**
 * The k-th smallest of `a[0..m)` (0-based) by quickselect; reorders `a`. O(m) on average, which matters
 * because robust losses take a median per leaf and a quantile per iteration.
 */
export function selectKth(a: Float64Array, m: number, k: number): number {
  const head = a.subarray(0, m);
  selectInPlace(head, k);
  return head[k];
}

/** Median of `a[0..m)` (mean of the two middle values when m is even); reorders `a`. */
export function median(a: Float64Array, m: number): number {
  if (m === 0) return 0;
  const hi = selectKth(a, m, m >> 1);
  if (m % 2 === 1) return hi;
  let lo = -Infinity;
  // After selection every value left of m/2 is <= hi; the lower middle is their maximum.
  for (let i = 0; i < m >> 1; i++) if (a[i] > lo) lo = a[i];
  return (lo + hi) / 2;
}

/** The q-quantile (lower, no interpolation) of `a[0..m)`; reorders `a`. */
export function quantile(a: Float64Array, m: number, q: number): number {
  if (m === 0) return 0;
  return selectKth(a, m, Math.min(m - 1, Math.max(0, Math.floor(q * (m - 1)))));
}
