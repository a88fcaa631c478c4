/**
 * Turns class-major joint log-likelihoods (`jll[c * rows + i]`) into row-major probabilities by
 * log-sum-exp normalization, so likelihoods far below the float range (e^-1000) still compare correctly.
 * A class with log-likelihood −∞ (e.g. no training rows) gets probability 0.
 */
export function normalizeLogProba(jll: Float64Array, rows: number, k: number): Float64Array {
  const proba = new Float64Array(rows * k);
  for (let i = 0; i < rows; i++) {
    let mx = -Infinity;
    for (let c = 0; c < k; c++) mx = Math.max(mx, jll[c * rows + i]);
    if (mx === -Infinity) {
      // Every class is impossible: only reachable with degenerate input; spread evenly rather than emit NaN.
      for (let c = 0; c < k; c++) proba[i * k + c] = 1 / k;
      continue;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(jll[c * rows + i] - mx);
    const lse = mx + Math.log(sum);
    for (let c = 0; c < k; c++) proba[i * k + c] = Math.exp(jll[c * rows + i] - lse);
  }
  return proba;
}

/** log(count_c / n) per class: the class priors estimated from the training data. */
export function logPriorsFromCodes(codes: Int32Array, k: number): Float64Array {
  const counts = new Float64Array(k);
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  return counts.map((c) => Math.log(c / codes.length));
}
