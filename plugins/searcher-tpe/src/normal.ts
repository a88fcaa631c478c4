/**
 * The error function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7): enough for comparing Parzen densities,
 * and cheaper than a series.
 */
export function erf(x: number): number {
  const s = x < 0 ? -1 : 1;
  const z = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * z);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return s * y;
}

/** Standard normal cumulative distribution. */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Log density of N(mu, sigma²) at x. */
export function normalLogPdf(x: number, mu: number, sigma: number): number {
  const z = (x - mu) / sigma;
  return -0.5 * z * z - Math.log(sigma) - LOG_SQRT_2PI;
}

/** log(Σ exp(v)) without overflow. */
export function logSumExp(v: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < v.length; i++) if (v[i] > m) m = v[i];
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.exp(v[i] - m);
  return m + Math.log(s);
}
