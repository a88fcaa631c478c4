import { afterEach, describe, expect, it, vi } from 'vitest';
import { AutopipeError, createMatrix, decodeState, defaultContext, encodeState, fitEstimator, Rng, type Matrix, type Params, type Prediction, type Target } from '@autopipe/core';
import { predictTree, binMatrix, fitBinEdges, type Tree } from '@autopipe/trees';
import { decisionTree } from '../src/decision-tree.js';
import { extraTrees } from '../src/extra-trees.js';
import { packTrees, predictForest } from '../src/flat-forest.js';
import type { ForestModel } from '../src/forest-model.js';
import type { ForestParams } from '../src/forest-params.js';
import { randomForest } from '../src/random-forest.js';

const ctx = (seed = 0, task: 'binary' | 'regression' = 'binary') => ({ ...defaultContext(seed), task });
const rf = (x: Matrix, y: Target, p: Partial<ForestParams>, seed = 0) =>
  randomForest.fit(x, y, { ...randomForest.defaults, ...p }, ctx(seed, y.kind === 'regression' ? 'regression' : 'binary')) as ForestModel;
const et = (x: Matrix, y: Target, p: Partial<ForestParams>, seed = 0) =>
  extraTrees.fit(x, y, { ...extraTrees.defaults, ...p }, ctx(seed, y.kind === 'regression' ? 'regression' : 'binary')) as ForestModel;

function uniform(n: number, cols: number, seed: number): Matrix {
  const r = new Rng(seed);
  return createMatrix(n, Array.from({ length: cols }, (_, j) => `x${j}`), Float64Array.from({ length: n * cols }, () => r.next() * 2 - 1));
}
const labelsOf = (x: Matrix, f: (i: number) => number): Target => ({ kind: 'classification', classes: ['0', '1'], codes: Int32Array.from({ length: x.rows }, (_, i) => f(i)) });
const accuracy = (p: Prediction, y: Target): number => {
  if (p.kind !== 'classification' || y.kind !== 'classification') throw new Error('expected classes');
  let ok = 0;
  for (let i = 0; i < y.codes.length; i++) if (p.labels[i] === y.codes[i]) ok++;
  return ok / y.codes.length;
};
const proba1 = (p: Prediction): Float64Array => {
  if (p.kind !== 'classification') throw new Error('expected classes');
  return Float64Array.from({ length: p.labels.length }, (_, i) => p.proba[i * 2 + 1]);
};

// XOR of the signs of x0 and x1, with 10% label noise in the noisy variant.
const xorLabel = (x: Matrix, flip: Rng | null) => (i: number) => ((x.data[i] > 0) !== (x.data[x.rows + i] > 0) ? 1 : 0) ^ (flip && flip.next() < 0.1 ? 1 : 0);

describe('random_forest and extra_trees', () => {
  const xtr = uniform(1000, 2, 1);
  const ytr = labelsOf(xtr, xorLabel(xtr, null));
  const xte = uniform(2000, 2, 2);
  const yte = labelsOf(xte, xorLabel(xte, null));

  it('fit XOR, which a depth-1 tree cannot', async () => {
    const stump = await fitEstimator(decisionTree, xtr, ytr, { max_depth: 1 }, defaultContext());
    expect(accuracy(stump.predict(xte), yte)).toBeLessThan(0.7);
    // max_features 1 (both features) so that each tree can find the second-level splits
    expect(accuracy(rf(xtr, ytr, { n_estimators: 30, max_features: 1 }).predict(xte), yte)).toBeGreaterThan(0.95);
    expect(accuracy(et(xtr, ytr, { n_estimators: 30, max_features: 1 }).predict(xte), yte)).toBeGreaterThan(0.93);
  });

  it('reports an out-of-bag score close to the held-out score', () => {
    const flip = new Rng(103); // not the data's seed: the flips must be independent of x
    const x = uniform(2000, 4, 3);
    const y = labelsOf(x, xorLabel(x, flip));
    const xt = uniform(4000, 4, 4);
    const yt = labelsOf(xt, xorLabel(xt, flip));
    const m = rf(x, y, { n_estimators: 60, max_features: 0.5, min_samples_leaf: 3 });
    const held = accuracy(m.predict(xt), yt);
    expect(m.oobScore).not.toBeNull();
    expect(Math.abs(m.oobScore! - held)).toBeLessThan(0.03);
    expect(held).toBeGreaterThan(0.8);

    const r = new Rng(5);
    const ry = (m: Matrix): Target => ({ kind: 'regression', values: Float64Array.from({ length: m.rows }, (_, i) => Math.sin(3 * m.data[i]) + m.data[m.rows + i] + 0.3 * r.normal()) });
    const yr = ry(x);
    const ytr2 = ry(xt);
    const mr = rf(x, yr, { n_estimators: 60, min_samples_leaf: 3 });
    const pr = mr.predict(xt);
    if (pr.kind !== 'regression' || ytr2.kind !== 'regression') throw new Error('expected values');
    const mean = ytr2.values.reduce((a, b) => a + b, 0) / ytr2.values.length;
    let sse = 0;
    let sst = 0;
    for (let i = 0; i < xt.rows; i++) {
      sse += (ytr2.values[i] - pr.values[i]) ** 2;
      sst += (ytr2.values[i] - mean) ** 2;
    }
    expect(Math.abs(mr.oobScore! - (1 - sse / sst))).toBeLessThan(0.05);
  });

  it('has no out-of-bag score without bootstrap, and keeps it through state', () => {
    expect(et(xtr, ytr, { n_estimators: 3 }).oobScore).toBeNull();
    const m = rf(xtr, ytr, { n_estimators: 5 });
    const back = randomForest.restore(decodeState(encodeState(m.state()))) as ForestModel;
    expect(back.oobScore).toBe(m.oobScore);
    expect(typeof m.oobScore).toBe('number');
  });

  it('averages away seed noise: more trees reduce the variance of predictions', () => {
    const flip = new Rng(9);
    const y = labelsOf(xtr, xorLabel(xtr, flip));
    const spread = (trees: number, fit: typeof rf): number => {
      const runs = [0, 1, 2, 3, 4, 5].map((s) => proba1(fit(xtr, y, { n_estimators: trees }, s).predict(xte)));
      let v = 0;
      for (let i = 0; i < xte.rows; i++) {
        const m = runs.reduce((a, p) => a + p[i], 0) / runs.length;
        v += runs.reduce((a, p) => a + (p[i] - m) ** 2, 0) / runs.length;
      }
      return v / xte.rows;
    };
    // Variance of a mean of T nearly independent trees scales like 1/T: 8× the trees, well under half the variance.
    expect(spread(40, rf)).toBeLessThan(0.4 * spread(5, rf));
    expect(spread(40, et)).toBeLessThan(0.4 * spread(5, et));
  });

  it('equals a decision tree with one tree, no bootstrap and all features', async () => {
    const flip = new Rng(2);
    const x = uniform(800, 3, 6);
    const y = labelsOf(x, xorLabel(x, flip));
    const p = { max_depth: 6, min_samples_leaf: 3, min_samples_split: 7, criterion: 'entropy' };
    // Raw leaf frequencies (no prior smoothing), as a forest's trees use.
    const tree = await fitEstimator(decisionTree, x, y, { ...p, prior_smoothing: 0 }, defaultContext(1));
    const forest = rf(x, y, { ...p, n_estimators: 1, bootstrap: false, max_features: 1 }, 1);
    const xt = uniform(500, 3, 16);
    expect(forest.predict(xt)).toEqual(tree.predict(xt));
    const yr: Target = { kind: 'regression', values: Float64Array.from({ length: x.rows }, (_, i) => x.data[i] * 3 + x.data[x.rows + i] ** 2) };
    const treeR = await fitEstimator(decisionTree, x, yr, p, defaultContext(1));
    expect(rf(x, yr, { ...p, n_estimators: 1, bootstrap: false, max_features: 1 }, 1).predict(xt)).toEqual(treeR.predict(xt));
  });

  it('draws extra-trees thresholds at random per seed, inside the node range', () => {
    const x = uniform(400, 1, 7);
    const y = labelsOf(x, (i) => (x.data[i] > 0.3 ? 1 : 0));
    const roots = new Set<number>();
    for (let s = 0; s < 10; s++) {
      const f = et(x, y, { n_estimators: 1, max_depth: 1 }, s).forest;
      expect(f.feature[0]).toBe(0);
      // 400 distinct values → 255 value bins; a valid threshold leaves at least one bin on each side
      expect(f.threshold[0]).toBeGreaterThanOrEqual(1);
      expect(f.threshold[0]).toBeLessThan(255);
      roots.add(f.threshold[0]);
    }
    expect(roots.size).toBeGreaterThan(5);
    // the best-split forest without bootstrap picks the same root threshold whatever the seed
    const best = new Set([0, 1, 2, 3].map((s) => rf(x, y, { n_estimators: 1, max_depth: 1, bootstrap: false }, s).forest.threshold[0]));
    expect(best.size).toBe(1);
  });

  it('finds the informative feature in its importances', () => {
    const x = uniform(1500, 5, 8);
    const noise = new Rng(1);
    const y = labelsOf(x, (i) => (x.data[2 * x.rows + i] + 0.2 * noise.normal() > 0 ? 1 : 0));
    for (const fit of [rf, et]) {
      const imp = fit(x, y, { n_estimators: 20, min_samples_leaf: 5 }).importances();
      expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(imp.indexOf(Math.max(...imp))).toBe(2);
      expect(imp[2]).toBeGreaterThan(0.4);
    }
  });

  it('predicts the mean of the trees\' leaf values (class frequencies)', () => {
    const x = createMatrix(4, ['a', 'b'], Float64Array.from([1, 2, 3, 4, 4, 3, 2, 1]));
    const binned = binMatrix(x, fitBinEdges(x, 255, new Rng(0)));
    const leaf = (feature: number, threshold: number, l: number[], r: number[]): Tree => ({
      feature: Int32Array.from([feature, -1, -1]), threshold: Int32Array.from([threshold, 0, 0]), missingLeft: new Uint8Array(3),
      left: Int32Array.from([1, -1, -1]), right: Int32Array.from([2, -1, -1]), samples: Int32Array.from([4, 2, 2]),
      values: Float64Array.from([0.5, 0.5, ...l, ...r]), valueSize: 2,
    });
    const a = leaf(0, 2, [1, 0], [0.25, 0.75]); // a <= 2.5
    const b = leaf(1, 1, [0, 1], [0.5, 0.5]); // b <= 1.5
    const p = predictForest(packTrees([a, b], 2), binned);
    // rows: (1,4) (2,3) (3,2) (4,1)
    expect(Array.from(p)).toEqual([0.75, 0.25, 0.75, 0.25, 0.375, 0.625, 0.125, 0.875]);
    const pa = predictTree(a, binned);
    const pb = predictTree(b, binned);
    expect(Array.from(p)).toEqual(Array.from(pa, (v, i) => (v + pb[i]) / 2));
  });

  it('stores only leaf values, one forest for all trees', () => {
    const m = rf(xtr, ytr, { n_estimators: 7 });
    const f = m.forest;
    expect(f.roots.length).toBe(7);
    const leaves = f.feature.filter((v) => v < 0).length;
    expect(f.values.length).toBe(leaves * 2);
    expect(f.roots[0]).toBe(0);
    for (let t = 1; t < 7; t++) expect(f.roots[t]).toBeGreaterThan(f.roots[t - 1]);
  });

  it('stops adding trees when the budget signal is aborted, keeping one', () => {
    const c = new AbortController();
    c.abort();
    const m = randomForest.fit(xtr, ytr, { ...randomForest.defaults, n_estimators: 50 }, { ...ctx(), signal: c.signal }) as ForestModel;
    expect(m.forest.roots.length).toBe(1);
  });

  it('rejects invalid hyperparameters with INVALID_PARAMS', async () => {
    for (const bad of [{ n_estimators: 0 }, { max_features: 1.5 }, { max_features: -1 }, { max_depth: -1 }, { criterion: 'mse' }, { min_samples_leaf: 0 }, { max_bins: 1 }] as Params[]) {
      const err = await fitEstimator(randomForest, xtr, ytr, bad, defaultContext()).then(() => null, (e: unknown) => e);
      expect((err as AutopipeError).code).toBe('INVALID_PARAMS');
    }
  });
});

describe('a forest that cannot finish by finishBy', () => {
  afterEach(() => vi.restoreAllMocks());
  const x = uniform(300, 2, 5);
  const y = labelsOf(x, xorLabel(x, null));

  it('stops after its third tree with TOO_SLOW when its pace says so, and grows every tree when it can make it', () => {
    // A clock that moves 100 ms each time it is read: trees look slow, deterministically.
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 100));
    const slow = { ...ctx(), finishBy: 1_000_000 + 2_000 };
    expect(() => randomForest.fit(x, y, { ...randomForest.defaults, n_estimators: 100 }, slow)).toThrow(expect.objectContaining({ code: 'TOO_SLOW' }));
    now = 1_000_000;
    const roomy = { ...ctx(), finishBy: 1_000_000 + 60_000 };
    const m = randomForest.fit(x, y, { ...randomForest.defaults, n_estimators: 100 }, roomy) as ForestModel;
    expect(m.state()).toBeDefined();
    expect(m.predict(x).kind).toBe('classification');
    vi.restoreAllMocks();
    // Without finishBy nothing is checked, as for every fit outside a time-budgeted search.
    expect(et(x, y, { n_estimators: 20 }).predict(x).kind).toBe('classification');
  });
});
