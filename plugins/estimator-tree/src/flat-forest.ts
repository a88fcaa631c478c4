import { MISSING_BIN, type BinnedMatrix, type Tree } from '@autopipe/trees';

/**
 * All trees of a forest in one set of flat arrays. Node indices are global: tree t's root is `roots[t]` and
 * children point anywhere in the arrays. A node with `feature < 0` is a leaf, and then `right` holds its
 * slot in `values` (`valueSize` numbers per leaf), so only leaves carry values.
 */
export interface FlatForest {
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Int32Array;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly values: Float64Array;
  readonly valueSize: number;
}

/** Concatenates trees (all with the same `valueSize`) into a `FlatForest`. */
export function packTrees(trees: readonly Tree[], valueSize: number): FlatForest {
  let nodes = 0;
  let leaves = 0;
  for (const t of trees) {
    nodes += t.feature.length;
    for (let i = 0; i < t.feature.length; i++) if (t.feature[i] < 0) leaves++;
  }
  const f: FlatForest = {
    roots: new Int32Array(trees.length),
    feature: new Int32Array(nodes),
    threshold: new Int32Array(nodes),
    missingLeft: new Uint8Array(nodes),
    left: new Int32Array(nodes),
    right: new Int32Array(nodes),
    values: new Float64Array(leaves * valueSize),
    valueSize,
  };
  let base = 0;
  let leaf = 0;
  const { feature, threshold, missingLeft, left, right, values } = f;
  for (let k = 0; k < trees.length; k++) {
    const t = trees[k];
    f.roots[k] = base;
    for (let i = 0; i < t.feature.length; i++) {
      const at = base + i;
      feature[at] = t.feature[i];
      if (t.feature[i] < 0) {
        left[at] = -1;
        right[at] = leaf;
        for (let c = 0; c < valueSize; c++) values[leaf * valueSize + c] = t.values[i * valueSize + c];
        leaf++;
      } else {
        threshold[at] = t.threshold[i];
        missingLeft[at] = t.missingLeft[i];
        left[at] = base + t.left[i];
        right[at] = base + t.right[i];
      }
    }
    base += t.feature.length;
  }
  return f;
}

/**
 * Mean over trees of the leaf values each row lands in, row-major `rows × valueSize`. Tree-outer, row-inner:
 * one tree's nodes stay in cache while the binned columns are streamed.
 */
export function predictForest(f: FlatForest, x: BinnedMatrix): Float64Array {
  const n = x.rows;
  const vs = f.valueSize;
  const out = new Float64Array(n * vs);
  const { feature, threshold, missingLeft, left, right, values } = f;
  const bins = x.bins;
  for (let t = 0; t < f.roots.length; t++) {
    const root = f.roots[t];
    for (let i = 0; i < n; i++) {
      let node = root;
      let j = feature[node];
      while (j >= 0) {
        const b = bins[j * n + i];
        node = (b === MISSING_BIN ? missingLeft[node] === 1 : b <= threshold[node]) ? left[node] : right[node];
        j = feature[node];
      }
      const at = right[node] * vs;
      const o = i * vs;
      for (let c = 0; c < vs; c++) out[o + c] += values[at + c];
    }
  }
  const scale = 1 / f.roots.length;
  for (let i = 0; i < out.length; i++) out[i] *= scale;
  return out;
}
