import { Rng, deriveSeed, inputError, type Target } from '@autopipe/core';

/** Row indices (ascending) of one train/validation split. */
export interface Split {
  readonly train: Int32Array;
  readonly valid: Int32Array;
}

function shuffled(n: number, rng: Rng): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return rng.shuffle(a);
}

/** Assigns every row a fold; stratified by class for classification (each class dealt round-robin). */
function assignFolds(y: Target, k: number, rng: Rng): Int32Array {
  const n = y.kind === 'classification' ? y.codes.length : y.values.length;
  const fold = new Int32Array(n);
  const order = shuffled(n, rng);
  if (y.kind === 'regression') {
    for (let i = 0; i < n; i++) fold[order[i]] = i % k;
    return fold;
  }
  let next = 0;
  for (let c = 0; c < y.classes.length; c++) {
    for (let i = 0; i < n; i++) {
      const r = order[i];
      if (y.codes[r] !== c) continue;
      fold[r] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}

function splitsFrom(fold: Int32Array, k: number): Split[] {
  const out: Split[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const valid: number[] = [];
    for (let i = 0; i < fold.length; i++) (fold[i] === f ? valid : train).push(i);
    out.push({ train: Int32Array.from(train), valid: Int32Array.from(valid) });
  }
  return out;
}

/** k-fold cross-validation splits, stratified for classification. Deterministic in `seed`. */
export function kFold(y: Target, k: number, seed: number): Split[] {
  const n = y.kind === 'classification' ? y.codes.length : y.values.length;
  if (!Number.isInteger(k) || k < 2) throw inputError('INVALID_ARGUMENT', `--folds must be an integer of at least 2 (got ${k}).`);
  if (k > n) throw inputError('INVALID_ARGUMENT', `--folds ${k} is more than the ${n} rows of data; use fewer folds.`);
  return splitsFrom(assignFolds(y, k, new Rng(seed)), k);
}

/**
 * `repeats` rounds of k-fold CV, each with its own shuffle, concatenated: split `r·k + f` is fold f of round r. Round 0
 * uses `seed` itself, so its folds are exactly `kFold(y, k, seed)`. Every row is validated once per round; out-of-fold
 * predictions average over the rounds (`OutOfFold`), which makes a small dataset's CV score less noisy and the search
 * less prone to pick a configuration that only fits one particular partition.
 */
export function repeatedKFold(y: Target, k: number, repeats: number, seed: number): Split[] {
  if (!Number.isInteger(repeats) || repeats < 1) throw inputError('INVALID_ARGUMENT', `CV repeats must be a positive integer (got ${repeats}).`);
  const out: Split[] = [];
  for (let r = 0; r < repeats; r++) out.push(...kFold(y, k, r === 0 ? seed : deriveSeed(seed, 'repeat', r)));
  return out;
}

/** One stratified train/validation split with `fraction` of the rows held out. */
export function holdout(y: Target, fraction: number, seed: number): Split[] {
  if (!(fraction > 0 && fraction < 1)) throw inputError('INVALID_ARGUMENT', `--holdout must be a fraction between 0 and 1 (got ${fraction}).`);
  // Round-robin over 1/fraction buckets, keep bucket 0 for validation: stratified like kFold.
  const k = Math.max(2, Math.round(1 / fraction));
  return [splitsFrom(assignFolds(y, k, new Rng(seed)), k)[0]];
}
