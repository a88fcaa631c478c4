import { selectInPlace } from '@autopipe/core';

/**
 * Order statistics equal to those of `Float64Array.prototype.sort` then indexing, bit for bit — including the sign
 * of zero, which sort orders (-0 before +0) but `<` (and so core's `selectInPlace`) cannot tell apart.
 */

/** Which zero the k-th smallest of `a` is when its value is zero: sort puts negatives, then -0, then +0. */
function signedZero(a: Float64Array, k: number): number {
  let below = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v < 0 || (v === 0 && 1 / v < 0)) below++;
  }
  return k < below ? -0 : 0;
}

/**
 * The k-th smallest value of `a` (no NaN), as `a.slice().sort()[k]` would give it; reorders `a`.
 */
export function kthSmallest(a: Float64Array, k: number): number {
  selectInPlace(a, k);
  const v = a[k];
  return v === 0 ? signedZero(a, k) : v;
}

/** The (k-1)-th smallest once `selectInPlace(a, k)` ran: the largest value before index k. */
export function previousSmallest(a: Float64Array, k: number): number {
  let m = a[0];
  for (let i = 1; i < k; i++) if (a[i] > m) m = a[i];
  return m === 0 ? signedZero(a, k - 1) : m;
}
