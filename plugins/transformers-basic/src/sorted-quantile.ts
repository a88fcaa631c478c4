/** The non-missing values of a column, sorted ascending (a fresh copy). */
export function sortedPresent(col: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < col.length; i++) if (col[i] === col[i]) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < col.length; i++) if (col[i] === col[i]) out[k++] = col[i];
  return out.sort();
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of an ascending array with numpy's default `linear` method: the virtual index
 * q·(n − 1) interpolated between its neighbours, using numpy's two-sided lerp so results match `np.percentile`
 * to the last bit in the common cases. NaN when empty.
 */
export function sortedQuantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.min(n - 1, Math.max(0, Math.floor(pos)));
  const hi = Math.min(n - 1, lo + 1);
  const t = pos - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  if (a === b) return a;
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}
