/**
 * How the rows of a node are summarized and scored. A node (or histogram bin) is summarized by `stats`
 * numbers; slot 0 is always the row count. `score` is minus the node's total impurity up to a constant
 * that cancels in a split, so a split's gain is `score(left) + score(right) - score(parent)`, which equals
 * the decrease of (rows × impurity) — scikit-learn's `weighted_n_node_samples × impurity` decrease.
 * Gradient boosting plugs in its own criterion (count, gradient, hessian) on the same tree core.
 */
export interface SplitCriterion {
  readonly name: string;
  /** Numbers per node / per histogram bin, count first. */
  readonly stats: number;
  /** Numbers stored per node as its prediction (class probabilities, or one value). */
  readonly valueSize: number;
  score(s: Float64Array, at: number): number;
  /** rows × impurity of the node; used to decide when a split gain is only rounding noise. */
  impurity(s: Float64Array, at: number): number;
  value(s: Float64Array, at: number, out: Float64Array, outAt: number): void;
}

/** What each training row adds to a histogram bin, after the count. */
export type RowTargets =
  | { readonly kind: 'class'; readonly codes: Int32Array; readonly classes: number }
  | { readonly kind: 'sums'; readonly values: readonly Float64Array[] };

function classValue(k: number) {
  return (s: Float64Array, at: number, out: Float64Array, outAt: number): void => {
    const n = s[at];
    for (let c = 0; c < k; c++) out[outAt + c] = n > 0 ? s[at + 1 + c] / n : 1 / k;
  };
}

/** Gini impurity over `k` classes; stats are [count, count of class 0, ..., count of class k-1]. */
export function giniCriterion(k: number): SplitCriterion {
  return {
    name: 'gini',
    stats: k + 1,
    valueSize: k,
    score(s, at) {
      const n = s[at];
      if (n <= 0) return 0;
      let sq = 0;
      for (let c = 1; c <= k; c++) sq += s[at + c] * s[at + c];
      return sq / n;
    },
    impurity(s, at) {
      return s[at] - this.score(s, at);
    },
    value: classValue(k),
  };
}

const LOG2E = 1 / Math.LN2;

/** Shannon entropy (bits, like scikit-learn) over `k` classes; same stats as gini. */
export function entropyCriterion(k: number): SplitCriterion {
  return {
    name: 'entropy',
    stats: k + 1,
    valueSize: k,
    // -n·H = Σ c·log2 c − n·log2 n
    score(s, at) {
      const n = s[at];
      if (n <= 0) return 0;
      let t = 0;
      for (let c = 1; c <= k; c++) {
        const v = s[at + c];
        if (v > 0) t += v * Math.log(v);
      }
      return (t - n * Math.log(n)) * LOG2E;
    },
    impurity(s, at) {
      return -this.score(s, at);
    },
    value: classValue(k),
  };
}

/**
 * Squared error; stats are [count, Σy, Σy²] of a target already shifted by `shift` (its mean), which keeps
 * the running sums small and the gains accurate. The stored value adds the shift back.
 */
export function varianceCriterion(shift: number): SplitCriterion {
  return {
    name: 'squared_error',
    stats: 3,
    valueSize: 1,
    score(s, at) {
      const n = s[at];
      return n > 0 ? (s[at + 1] * s[at + 1]) / n : 0;
    },
    impurity(s, at) {
      return Math.max(0, s[at + 2] - this.score(s, at));
    },
    value(s, at, out, outAt) {
      out[outAt] = (s[at] > 0 ? s[at + 1] / s[at] : 0) + shift;
    },
  };
}
