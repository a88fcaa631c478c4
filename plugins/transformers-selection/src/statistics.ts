import { Rng } from '@autopipe/core';

/**
 * Population variance (ddof = 0, scikit-learn's VarianceThreshold) of the non-missing values, two-pass for
 * precision; exactly 0 when every value is equal, NaN when none is present.
 */
export function variance(col: Float64Array): number {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v !== v) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return NaN;
  if (min === max) return 0;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v === v) ss += (v - mean) * (v - mean);
  }
  return ss / n;
}

/**
 * Pearson correlation over the rows where both values are present, with streaming co-moments (stable when
 * means are large). NaN when fewer than two such rows exist or either side is constant on them.
 */
export function pearson(x: Float64Array, y: Float64Array, rows?: Int32Array): number {
  let n = 0;
  let mx = 0;
  let my = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  const m = rows ? rows.length : x.length;
  for (let r = 0; r < m; r++) {
    const i = rows ? rows[r] : r;
    const a = x[i];
    const b = y[i];
    if (a !== a || b !== b) continue;
    n++;
    const dx = a - mx;
    const dy = b - my;
    mx += dx / n;
    my += dy / n;
    sxx += dx * (a - mx);
    syy += dy * (b - my);
    sxy += dx * (b - my);
  }
  if (n < 2 || sxx <= 0 || syy <= 0) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Up to `max` row indices drawn without replacement from `n`, sorted; all rows (undefined) when n ≤ max. */
export function sampleRows(n: number, max: number, seed: number): Int32Array | undefined {
  if (n <= max) return undefined;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const rng = new Rng(seed);
  for (let i = 0; i < max; i++) {
    const j = i + rng.int(n - i);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.subarray(0, max).sort();
}
