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
  const n = values.length;
  if (n === 0) return NaN;
  const s = values.slice().sort();
  const h = n >> 1;
  return n % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
