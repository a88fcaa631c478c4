import type { Rng } from '@autopipe/core';

/**
 * `size` row indices drawn from `0..n` with replacement, sorted so that `growTree` reads the binned columns
 * in order (a repeated index is a row counted twice, which is what bootstrap weights mean for counts and sums).
 */
export function bootstrapRows(n: number, size: number, rng: Rng): Int32Array {
  const counts = new Int32Array(n);
  for (let i = 0; i < size; i++) counts[rng.int(n)]++;
  const rows = new Int32Array(size);
  let at = 0;
  for (let i = 0; i < n; i++) for (let c = counts[i]; c > 0; c--) rows[at++] = i;
  return rows;
}

/** The rows of `0..n` absent from a sample: the out-of-bag rows of a bootstrap. */
export function outOfBagRows(n: number, sample: Int32Array): Int32Array {
  const seen = new Uint8Array(n);
  for (let i = 0; i < sample.length; i++) seen[sample[i]] = 1;
  let count = 0;
  for (let i = 0; i < n; i++) count += 1 - seen[i];
  const out = new Int32Array(count);
  let at = 0;
  for (let i = 0; i < n; i++) if (!seen[i]) out[at++] = i;
  return out;
}
