import { MISSING_BIN, type BinnedMatrix } from './binning.js';

/**
 * A fitted tree as flat arrays indexed by node (node 0 is the root). `feature[i] < 0` marks a leaf.
 * At an internal node a row goes left when its bin of `feature[i]` is `<= threshold[i]`, or, when missing,
 * when `missingLeft[i]` is 1. Every node (not only leaves) stores its value at `values[i * valueSize ..]`,
 * so the value offset of a node is implicit; `samples[i]` is its number of training rows.
 */
export interface Tree {
  readonly feature: Int32Array;
  readonly threshold: Int32Array;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly samples: Int32Array;
  readonly values: Float64Array;
  readonly valueSize: number;
}

/** Growable tree storage; doubles its arrays as nodes are added. */
export class TreeBuilder {
  private cap: number;
  count = 0;
  feature: Int32Array;
  threshold: Int32Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  samples: Int32Array;
  values: Float64Array;

  constructor(readonly valueSize: number, capacity = 64) {
    this.cap = capacity;
    this.feature = new Int32Array(capacity);
    this.threshold = new Int32Array(capacity);
    this.missingLeft = new Uint8Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.samples = new Int32Array(capacity);
    this.values = new Float64Array(capacity * valueSize);
  }

  /** Adds a leaf and returns its index; its value is written by the caller into `values`. */
  addLeaf(samples: number): number {
    if (this.count === this.cap) this.grow();
    const i = this.count++;
    this.feature[i] = -1;
    this.left[i] = -1;
    this.right[i] = -1;
    this.samples[i] = samples;
    return i;
  }

  setSplit(node: number, feature: number, threshold: number, missingLeft: boolean, left: number, right: number): void {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.missingLeft[node] = missingLeft ? 1 : 0;
    this.left[node] = left;
    this.right[node] = right;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const widen = <T extends Int32Array | Uint8Array | Float64Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.feature = widen(this.feature, cap);
    this.threshold = widen(this.threshold, cap);
    this.missingLeft = widen(this.missingLeft, cap);
    this.left = widen(this.left, cap);
    this.right = widen(this.right, cap);
    this.samples = widen(this.samples, cap);
    this.values = widen(this.values, cap * this.valueSize);
    this.cap = cap;
  }

  /** Trimmed copies of the arrays. */
  finish(): Tree {
    const n = this.count;
    return {
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      missingLeft: this.missingLeft.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      samples: this.samples.slice(0, n),
      values: this.values.slice(0, n * this.valueSize),
      valueSize: this.valueSize,
    };
  }
}

/** The leaf each row of a binned matrix lands in. */
export function applyTree(tree: Tree, x: BinnedMatrix, out = new Int32Array(x.rows)): Int32Array {
  const { feature, threshold, missingLeft, left, right } = tree;
  const bins = x.bins;
  const n = x.rows;
  for (let i = 0; i < n; i++) {
    let node = 0;
    let f = feature[0];
    while (f >= 0) {
      const b = bins[f * n + i];
      const goLeft = b === MISSING_BIN ? missingLeft[node] === 1 : b <= threshold[node];
      node = goLeft ? left[node] : right[node];
      f = feature[node];
    }
    out[i] = node;
  }
  return out;
}

/** Row-major `rows × valueSize` leaf values (class probabilities or regression values). */
export function predictTree(tree: Tree, x: BinnedMatrix): Float64Array {
  const leaves = applyTree(tree, x);
  const v = tree.valueSize;
  const out = new Float64Array(x.rows * v);
  for (let i = 0; i < x.rows; i++) {
    const at = leaves[i] * v;
    for (let c = 0; c < v; c++) out[i * v + c] = tree.values[at + c];
  }
  return out;
}

/** Depth of the deepest leaf (a single leaf has depth 0). */
export function treeDepth(tree: Tree): number {
  const depth = new Int32Array(tree.feature.length);
  let max = 0;
  // Children are always added after their parent, so one forward pass sees every parent first.
  for (let i = 0; i < tree.feature.length; i++) {
    if (tree.feature[i] < 0) continue;
    depth[tree.left[i]] = depth[tree.right[i]] = depth[i] + 1;
    if (depth[i] + 1 > max) max = depth[i] + 1;
  }
  return max;
}
