// The reference quantiles of the quantile transform, shared by its fit and its ONNX export.

/** `np.linspace(0, 1, n)`: i·(1/(n−1)) with the last value exactly 1. */
export function references(n: number): Float64Array {
  const r = new Float64Array(n);
  if (n === 1) return r;
  const step = 1 / (n - 1);
  for (let i = 0; i < n; i++) r[i] = i * step;
  r[n - 1] = 1;
  return r;
}
