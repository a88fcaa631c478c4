/**
 * `np.interp(x, xp, fp)` for one value: piecewise-linear through (xp, fp) with xp ascending (ties allowed: the
 * last of equal knots wins, as numpy's search does), clamped to fp's ends outside [xp[0], xp[n-1]].
 */
export function interp(x: number, xp: Float64Array, fp: Float64Array): number {
  const n = xp.length;
  if (x !== x) return NaN;
  if (x > xp[n - 1]) return fp[n - 1];
  if (x < xp[0]) return fp[0];
  // Last index j with xp[j] <= x.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x >= xp[mid]) lo = mid + 1;
    else hi = mid;
  }
  const j = lo - 1;
  if (j === n - 1 || xp[j] === x) return fp[j];
  const slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
  let y = slope * (x - xp[j]) + fp[j];
  if (y !== y) {
    y = slope * (x - xp[j + 1]) + fp[j + 1];
    if (y !== y && fp[j] === fp[j + 1]) y = fp[j];
  }
  return y;
}
