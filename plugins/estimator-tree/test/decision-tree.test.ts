import { describe, expect, it } from 'vitest';
import { AutopipeError, createMatrix, defaultContext, fitEstimator, Rng, type Matrix, type Params, type Target } from '@autopipe/core';
import { decisionTree, type DecisionTreeParams } from '../src/decision-tree.js';
import { treeDepth } from '@autopipe/trees';
import type { TreeModel } from '../src/tree-model.js';

const ctx = (seed = 0) => ({ ...defaultContext(seed), task: 'binary' as const });
const col = (...cols: number[][]): Matrix => createMatrix(cols[0].length, cols.map((_, j) => `x${j}`), Float64Array.from(cols.flat()));
const classes = (labels: string): Target => {
  const cls = [...new Set(labels)].sort();
  return { kind: 'classification', classes: cls, codes: Int32Array.from(labels, (l) => cls.indexOf(l)) };
};
const values = (...v: number[]): Target => ({ kind: 'regression', values: Float64Array.from(v) });
/** Fits without the runtime guard so tests can read the flat tree; raw leaf frequencies unless a test asks for smoothing. */
const fit = (x: Matrix, y: Target, p: Partial<DecisionTreeParams>, seed = 0) =>
  decisionTree.fit(x, y, { ...decisionTree.defaults, min_samples_leaf: 1, min_samples_split: 2, prior_smoothing: 0, ...p }, ctx(seed)) as TreeModel;
const labels = (m: TreeModel, x: Matrix) => {
  const p = m.predict(x);
  if (p.kind !== 'classification') throw new Error('expected classes');
  return Array.from(p.labels, (c) => p.classes[c]).join('');
};

describe('decision_tree', () => {
  it('finds the hand-computed split x <= 2.5 and predicts pure class frequencies', () => {
    const m = fit(col([1, 2, 3, 4]), classes('aabb'), {});
    const t = m.tree;
    expect(t.feature.length).toBe(3);
    expect(t.feature[0]).toBe(0);
    expect(t.threshold[0]).toBe(2); // bin 2 of edges [1.5, 2.5, 3.5] = value 2.5
    expect(labels(m, col([2.4, 2.5, 2.5000001, -100, 100]))).toBe('aabab');
    const p = m.predict(col([0, 9]));
    expect(p.kind === 'classification' && Array.from(p.proba)).toEqual([1, 0, 0, 1]);
    expect(Array.from(m.importances())).toEqual([1]);
  });

  it('splits the same way with entropy', () => {
    const m = fit(col([1, 2, 3, 4]), classes('aabb'), { criterion: 'entropy' });
    expect(m.tree.threshold[0]).toBe(2);
  });

  it('mixes m pseudo-rows at the class prior into every leaf (default m = 1)', () => {
    // Rows x = 1..4 labelled a, a, b, b: the split x <= 2.5 gives two pure leaves of 2 rows; prior (0.5, 0.5).
    const x = createMatrix(4, ['x'], Float64Array.from([1, 2, 3, 4]));
    const y: Target = { kind: 'classification', classes: ['a', 'b'], codes: Int32Array.from([0, 0, 1, 1]) };
    const m = fit(x, y, { prior_smoothing: 1 });
    const p = m.predict(x);
    if (p.kind !== 'classification') throw new Error('kind');
    // (2·1 + 1·0.5) / 3 and (2·0 + 1·0.5) / 3
    expect(Array.from(p.proba.subarray(0, 2))).toEqual([2.5 / 3, 0.5 / 3]);
    expect(Array.from(p.labels)).toEqual([0, 0, 1, 1]);
  });

  it('stores class frequencies of the leaf rows for multiclass targets', () => {
    const m = fit(col([1, 1, 1, 1, 2, 2, 2, 2]), classes('aabccccc'), { max_depth: 1 });
    const p = m.predict(col([1, 2]));
    expect(p.kind === 'classification' && Array.from(p.proba)).toEqual([0.5, 0.25, 0.25, 0, 0, 1]);
  });

  it('stores the mean target in regression leaves', () => {
    const m = fit(col([1, 2, 3, 4, 5, 6]), values(1, 2, 3, 10, 11, 12), { max_depth: 1 });
    expect(Array.from(m.tree.values)).toEqual([6.5, 2, 11]); // root, left, right
    const p = m.predict(col([3.4, 3.6, NaN]));
    // no missing values in training: NaN follows the larger child, here a tie (3 vs 3) which goes left
    expect(p.kind === 'regression' && Array.from(p.values)).toEqual([2, 11, 2]);
  });

  it('learns where missing values go', () => {
    const x = col([NaN, NaN, NaN, 1, 2, 3, 4, 5, 6]);
    const right = fit(x, classes('bbbaaabbb'), { max_depth: 1 });
    expect(right.tree.missingLeft[0]).toBe(0);
    expect(labels(right, col([NaN, 2, 5]))).toBe('bab');
    const left = fit(x, classes('aaaaaabbb'), { max_depth: 1 });
    expect(left.tree.missingLeft[0]).toBe(1);
    expect(labels(left, col([NaN, 2, 5]))).toBe('aab');
  });

  it('can split missing against present values', () => {
    const m = fit(col([NaN, NaN, 1, 2, 3, 4]), classes('bbaaaa'), { max_depth: 1 });
    expect(labels(m, col([NaN, 1, 4, 1e9]))).toBe('baaa');
  });

  it('sends missing values unseen in training to the child with more rows', () => {
    const x = col([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(labels(fit(x, classes('aaabbbbbbb'), { max_depth: 1 }), col([NaN]))).toBe('b');
    expect(labels(fit(x, classes('aaaaaaabbb'), { max_depth: 1 }), col([NaN]))).toBe('a');
  });

  // Root: x0 cuts SSE 208 -> 8 (gain 200) while x1 only cuts it to 200 (gain 8); each child then splits on x1 with gain 4.
  const ix = col([0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 1, 1, 0, 0, 1, 1]);
  const iy = values(0, 0, 2, 2, 10, 10, 12, 12);

  it('reports importances as normalized total impurity decrease', () => {
    const imp = fit(ix, iy, { max_depth: 2 }).importances();
    expect(imp[0]).toBeCloseTo(200 / 208, 12);
    expect(imp[1]).toBeCloseTo(8 / 208, 12);
  });

  it('reports zero importances for a single leaf', () => {
    const m = fit(ix, iy, { min_samples_split: 100 });
    expect(m.tree.feature.length).toBe(1);
    expect(Array.from(m.importances())).toEqual([0, 0]);
    const p = m.predict(ix);
    expect(p.kind === 'regression' && p.values[0]).toBe(6);
  });

  it('drops splits below min_impurity_decrease (weighted like scikit-learn)', () => {
    // root decrease 200/8 = 25, child decreases 4/8 = 0.5 each
    expect(fit(ix, iy, { min_impurity_decrease: 1 }).tree.feature.length).toBe(3);
    expect(fit(ix, iy, { min_impurity_decrease: 0.4 }).tree.feature.length).toBe(7);
  });

  const rng = new Rng(4);
  const n = 600;
  const rx = createMatrix(n, ['a', 'b', 'c'], Float64Array.from({ length: 3 * n }, () => rng.normal()));
  const ry: Target = { kind: 'classification', classes: ['0', '1', '2'], codes: Int32Array.from({ length: n }, () => rng.int(3)) };

  it('respects max_depth', () => {
    for (const d of [1, 3, 6]) expect(treeDepth(fit(rx, ry, { max_depth: d }).tree)).toBe(d);
  });

  it('respects min_samples_leaf', () => {
    const t = fit(rx, ry, { max_depth: 20, min_samples_leaf: 40 }).tree;
    for (let i = 0; i < t.feature.length; i++) if (t.feature[i] < 0) expect(t.samples[i]).toBeGreaterThanOrEqual(40);
  });

  it('grows best-first up to max_leaves', () => {
    const t = fit(rx, ry, { max_depth: 20, max_leaves: 6 }).tree;
    expect(t.feature.filter((f) => f < 0).length).toBe(6);
    // with two leaves the one split taken is the root's best, as in the unlimited tree
    const two = fit(ix, iy, { max_leaves: 2 }).tree;
    expect(Array.from(two.feature)).toEqual([0, -1, -1]);
  });

  it('samples max_features per split from the seed', () => {
    const x = col([1, 2, 3, 4, 5, 6], [1, 2, 1, 2, 1, 2]);
    const y = classes('aaabbb');
    const roots = new Set(Array.from({ length: 12 }, (_, s) => fit(x, y, { max_features: 0.5, max_depth: 1 }, s).tree.feature[0]));
    expect(roots).toEqual(new Set([0, 1]));
    for (let s = 0; s < 5; s++) expect(fit(x, y, { max_depth: 1 }, s).tree.feature[0]).toBe(0);
  });

  it('rejects invalid hyperparameters with INVALID_PARAMS', async () => {
    for (const bad of [{ criterion: 'mse' }, { max_features: 0 }, { max_depth: 0 }, { max_bins: 1 }, { min_samples_split: 1 }] as Params[]) {
      const err = await fitEstimator(decisionTree, rx, ry, bad, defaultContext()).then(() => null, (e: unknown) => e);
      expect((err as AutopipeError).code).toBe('INVALID_PARAMS');
    }
  });

  it('refuses a matrix with a different column count at predict time', async () => {
    const m = await fitEstimator(decisionTree, rx, ry, {}, defaultContext());
    expect(() => m.predict(col([1, 2]))).toThrow(AutopipeError);
  });
});
