import type { Rng, Target } from '@autopipe/core';

/** Training and validation row indices, each sorted. */
export interface RowSplit {
  readonly train: Int32Array;
  readonly valid: Int32Array;
}

/**
 * Holds out about `fraction` of the rows for early stopping, seeded. Classification splits each class
 * separately (stratified, like scikit-learn's) so the validation loss sees every class in proportion.
 */
export function validationSplit(y: Target, fraction: number, rng: Rng): RowSplit {
  const n = y.kind === 'classification' ? y.codes.length : y.values.length;
  const isValid = new Uint8Array(n);
  const groups: number[][] = [];
  if (y.kind === 'classification') {
    for (let c = 0; c < y.classes.length; c++) groups.push([]);
    for (let i = 0; i < n; i++) groups[y.codes[i]].push(i);
  } else {
    groups.push(Array.from({ length: n }, (_, i) => i));
  }
  for (const g of groups) {
    const take = Math.round(g.length * fraction);
    // Partial Fisher–Yates: the first `take` entries become a uniform sample.
    for (let i = 0; i < take; i++) {
      const j = i + rng.int(g.length - i);
      const t = g[i];
      g[i] = g[j];
      g[j] = t;
      isValid[g[i]] = 1;
    }
  }
  let nv = 0;
  for (let i = 0; i < n; i++) nv += isValid[i];
  const train = new Int32Array(n - nv);
  const valid = new Int32Array(nv);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (isValid[i]) valid[b++] = i;
    else train[a++] = i;
  }
  return { train, valid };
}

/** The listed rows of column-major bins, as a new column-major block. */
export function takeBinnedRows(bins: Uint8Array, n: number, cols: number, rows: Int32Array): Uint8Array {
  const m = rows.length;
  const out = new Uint8Array(m * cols);
  for (let j = 0; j < cols; j++) {
    const src = j * n;
    const dst = j * m;
    for (let i = 0; i < m; i++) out[dst + i] = bins[src + rows[i]];
  }
  return out;
}

/**
 * scikit-learn's rule: stop when none of the last `patience` scores improved on the score just before them by
 * more than `tol`. Losses here are lower-is-better.
 */
export function shouldStop(losses: readonly number[], patience: number, tol: number): boolean {
  if (losses.length <= patience) return false;
  const reference = losses[losses.length - patience - 1];
  for (let i = losses.length - patience; i < losses.length; i++) if (losses[i] < reference - tol) return false;
  return true;
}
