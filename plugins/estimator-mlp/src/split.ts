import { Rng } from '@autopipe/core';

/**
 * A seeded train/validation split of `rows` row indices. With class codes it is stratified: each class gives
 * round(fraction · its count) rows to validation, so rare classes are represented in both parts.
 */
export function validationSplit(rows: number, fraction: number, rng: Rng, codes?: Int32Array): { train: Int32Array; valid: Int32Array } {
  const order = rng.shuffle(Int32Array.from({ length: rows }, (_, i) => i));
  if (!(fraction > 0)) return { train: order, valid: new Int32Array(0) };
  const isValid = new Uint8Array(rows);
  if (codes) {
    const counts = new Map<number, number>();
    for (let i = 0; i < rows; i++) counts.set(codes[i], (counts.get(codes[i]) ?? 0) + 1);
    const quota = new Map([...counts].map(([c, n]) => [c, Math.round(fraction * n)]));
    for (const i of order) {
      const q = quota.get(codes[i])!;
      if (q > 0) {
        isValid[i] = 1;
        quota.set(codes[i], q - 1);
      }
    }
  } else {
    const n = Math.round(fraction * rows);
    for (let k = 0; k < n; k++) isValid[order[k]] = 1;
  }
  return { train: order.filter((i) => !isValid[i]), valid: order.filter((i) => isValid[i] === 1) };
}
