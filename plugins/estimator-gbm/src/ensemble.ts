import { MISSING_BIN } from '@autopipe/trees';

/**
 * All trees of a boosted model in one set of flat arrays. Node indices are global: tree t's root is node
 * `roots[t]`, and `left`/`right` point anywhere in the arrays. `feature[i] < 0` marks a leaf whose
 * contribution to the raw score (learning rate already applied) is `value[i]`. At a split, a row goes left
 * when its bin is `<= threshold[i]`, or, when missing, when `missingLeft[i]` is 1.
 */
export interface Ensemble {
  readonly feature: Int32Array;
  readonly threshold: Uint8Array;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly roots: Int32Array;
}

/** Growable storage for an ensemble; doubles its arrays as nodes are added. */
export class EnsembleBuilder {
  count = 0;
  feature = new Int32Array(256);
  threshold = new Uint8Array(256);
  missingLeft = new Uint8Array(256);
  left = new Int32Array(256);
  right = new Int32Array(256);
  value = new Float64Array(256);
  roots: number[] = [];

  /** Starts a new tree; the next node added is its root. */
  beginTree(): void {
    this.roots.push(this.count);
  }

  addLeaf(value: number): number {
    if (this.count === this.feature.length) this.grow();
    const i = this.count++;
    this.feature[i] = -1;
    this.left[i] = -1;
    this.right[i] = -1;
    this.value[i] = value;
    return i;
  }

  setSplit(node: number, feature: number, threshold: number, missingLeft: boolean, left: number, right: number): void {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.missingLeft[node] = missingLeft ? 1 : 0;
    this.left[node] = left;
    this.right[node] = right;
    this.value[node] = 0;
  }

  /** Drops every tree from `tree` on (early stopping keeps the best prefix). */
  truncate(tree: number): void {
    if (tree >= this.roots.length) return;
    this.count = this.roots[tree];
    this.roots.length = tree;
  }

  private grow(): void {
    const cap = this.feature.length * 2;
    const widen = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.feature = widen(this.feature);
    this.threshold = widen(this.threshold);
    this.missingLeft = widen(this.missingLeft);
    this.left = widen(this.left);
    this.right = widen(this.right);
    this.value = widen(this.value);
  }

  /** Trimmed copies. */
  finish(): Ensemble {
    const n = this.count;
    return {
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      missingLeft: this.missingLeft.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n),
      roots: Int32Array.from(this.roots),
    };
  }
}

/**
 * Adds the leaf value of tree `root` for each of the `n` rows of column-major bins to `raw[at + i]`.
 * Works on a builder (during training) or a finished ensemble alike.
 */
export function addTreeScores(e: Ensemble | EnsembleBuilder, root: number, bins: Uint8Array, n: number, raw: Float64Array, at: number): void {
  const { feature, threshold, missingLeft, left, right, value } = e;
  if (feature[root] < 0) {
    const v = value[root];
    for (let i = 0; i < n; i++) raw[at + i] += v;
    return;
  }
  for (let i = 0; i < n; i++) {
    let node = root;
    let f = feature[node];
    while (f >= 0) {
      const b = bins[f * n + i];
      node = (b === MISSING_BIN ? missingLeft[node] === 1 : b <= threshold[node]) ? left[node] : right[node];
      f = feature[node];
    }
    raw[at + i] += value[node];
  }
}
