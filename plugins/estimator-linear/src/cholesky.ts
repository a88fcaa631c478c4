/**
 * In-place Cholesky factorization of a symmetric positive definite `n × n` matrix (row-major; only the lower
 * triangle is read). On success the lower triangle holds L with A = L·Lᵀ and true is returned; false when a
 * pivot is not safely positive (the matrix is singular or indefinite to working precision).
 */
export function cholesky(a: Float64Array, n: number): boolean {
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * n + i]));
  const floor = maxDiag * n * Number.EPSILON;
  for (let j = 0; j < n; j++) {
    let djj = a[j * n + j];
    for (let k = 0; k < j; k++) djj -= a[j * n + k] * a[j * n + k];
    if (!(djj > floor)) return false;
    const ljj = Math.sqrt(djj);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let v = a[i * n + j];
      for (let k = 0; k < j; k++) v -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = v / ljj;
    }
  }
  return true;
}

/** Solves L·Lᵀ·x = b for x, given the factor from `cholesky`; b is overwritten with x. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let v = b[i];
    for (let k = 0; k < i; k++) v -= l[i * n + k] * b[k];
    b[i] = v / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let v = b[i];
    for (let k = i + 1; k < n; k++) v -= l[k * n + i] * b[k];
    b[i] = v / l[i * n + i];
  }
}
