/**
 * Quickselect shared by plugins that need order statistics in linear expected time (imputation medians of
 * million-row columns, robust boosting losses' per-leaf medians), where a full sort costs ~80 ms a column.
 */

/** Rounds of partitioning before giving up on pivots and sorting what is left (guards adversarial inputs). */
const MAX_ROUNDS = 64;

/**
 * Rearranges `a` (no NaN) so that `a[k]` holds the k-th smallest value, everything before it is ≤ and everything
 * after it ≥ (as `<` compares; zeros of either sign count as equal here — see `kthSmallest` for the sign).
 */
export function selectInPlace(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  let rounds = 0;
  while (hi > lo) {
    if (++rounds > MAX_ROUNDS) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    // Median of three as pivot, then Hoare partition: both scans stop on values equal to the pivot, so runs of
    // ties (0/1 columns, rounded values) split evenly instead of degrading to quadratic time.
    const mid = lo + ((hi - lo) >> 1);
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo..j] ≤ pivot ≤ a[i..hi], and a[j+1..i-1] (if any) equal the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}
