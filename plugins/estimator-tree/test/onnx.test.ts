import { describe, expect, it } from 'vitest';
import { AutopipeError, defaultContext, fitEstimator, type EstimatorDefinition, type Params, type Task } from '@autopipe/core';
import { estimatorParity, exportEstimator } from '@autopipe/onnx';
import { decisionTree } from '../src/decision-tree.js';
import { extraTrees } from '../src/extra-trees.js';
import { randomForest } from '../src/random-forest.js';
import { leafIdEnsemble, splitValue } from '@autopipe/trees';
import { binEdgeQueryRows, syntheticWithMissing, targetForSynthetic } from '@autopipe/testkit';

const edges = { edges: Float64Array.of(0.5, 1.5, 2.5, -1, 10), offsets: Int32Array.of(0, 3, 5) };

describe('split values on bin edges', () => {
  it('maps "bin <= t" to "value <= edges[t - 1]", past the last edge to +Infinity', () => {
    expect(splitValue(edges, 0, 1)).toBe(0.5);
    expect(splitValue(edges, 0, 3)).toBe(2.5);
    expect(splitValue(edges, 1, 1)).toBe(-1);
    expect(splitValue(edges, 1, 2)).toBe(10);
    // Feature 1 has bins 1..3; t = 3 keeps every non-missing value left (it must not read feature 2's edges).
    expect(splitValue(edges, 1, 3)).toBe(Infinity);
    expect(splitValue(edges, 0, 0)).toBeNull();
  });

  it('writes one leaf-id target per tree with double thresholds and the learned missing direction', () => {
    // Tree 0: root splits feature 1 at bin 1 (value <= -1), missing left; leaves are table rows 4 and 5.
    // Tree 1: a single leaf at table row 6.
    const trees = {
      roots: Int32Array.of(0, 3),
      feature: Int32Array.of(1, -1, -1, -1),
      threshold: Int32Array.of(1, 0, 0, 0),
      missingLeft: Uint8Array.of(1, 0, 0, 0),
      left: Int32Array.of(1, -1, -1, -1),
      right: Int32Array.of(2, -1, -1, -1),
      leafRow: (node: number) => 3 + node + (node === 3 ? 3 : 0),
    };
    const { attributes: a, offsets } = leafIdEnsemble(trees, edges, 2, 'test');
    expect(a.nodes_modes).toEqual({ strings: ['BRANCH_LEQ', 'LEAF', 'LEAF', 'LEAF'] });
    expect(a.nodes_treeids).toEqual({ ints: [0, 0, 0, 1] });
    expect(a.nodes_nodeids).toEqual({ ints: [0, 1, 2, 0] });
    expect(a.nodes_featureids).toEqual({ ints: [1, 0, 0, 0] });
    expect(a.nodes_truenodeids).toEqual({ ints: [1, 0, 0, 0] });
    expect(a.nodes_falsenodeids).toEqual({ ints: [2, 0, 0, 0] });
    expect(a.nodes_missing_value_tracks_true).toEqual({ ints: [1, 0, 0, 0] });
    expect(Array.from((a.nodes_values_as_tensor as { tensor: { values: Float64Array } }).tensor.values)).toEqual([-1, 0, 0, 0]);
    expect(a.target_ids).toEqual({ ints: [0, 0, 1] });
    expect(Array.from((a.target_weights_as_tensor as { tensor: { values: Float64Array } }).tensor.values)).toEqual([0, 1, 0]);
    expect(Array.from(offsets)).toEqual([4n, 9n]);
    expect(a.n_targets).toEqual({ int: 2 });
  });

  it('refuses a model whose feature count differs from the graph input', () => {
    const one = { roots: Int32Array.of(0), feature: Int32Array.of(-1), threshold: Int32Array.of(0), missingLeft: Uint8Array.of(0), left: Int32Array.of(-1), right: Int32Array.of(-1), leafRow: () => 0 };
    expect(() => leafIdEnsemble(one, edges, 3, 'estimator "x"')).toThrow(/trained on 2 features but the graph gives it 3/);
  });
});

const cases: { def: EstimatorDefinition; params: Params }[] = [
  { def: decisionTree, params: { max_depth: 6, min_samples_leaf: 3 } },
  { def: decisionTree, params: { max_depth: 5, max_leaves: 12, criterion: 'entropy', prior_smoothing: 0 } },
  { def: randomForest, params: { n_estimators: 25, min_samples_leaf: 2 } },
  { def: extraTrees, params: { n_estimators: 25, min_samples_leaf: 2, max_bins: 16 } },
];
const tasks: Task[] = ['binary', 'multiclass', 'regression'];

describe('ONNX parity in onnxruntime (fit on data with missing values, query on edges and missing values)', () => {
  const x = syntheticWithMissing(400, 11);
  for (const { def, params } of cases) {
    for (const task of tasks) {
      it(`${def.key} ${JSON.stringify(params)} ${task}`, async () => {
        const y = targetForSynthetic(x, task, 5);
        const model = await fitEstimator(def, x, y, params, defaultContext(3));
        const s = model.state() as { edges: Float64Array; edgeOffsets: Int32Array };
        const q = binEdgeQueryRows(300, 99, s.edges, s.edgeOffsets);
        const p = await estimatorParity(def, model, q, y.kind === 'classification' ? { task, classes: y.classes } : { task });
        // Leaf values are gathered in double and summed in predict's order: the outputs are the same doubles.
        expect(p.maxAbsDiff).toBeLessThanOrEqual(task === 'regression' ? 0 : 1e-12);
        expect(p.labelMismatches).toBe(0);
      });
    }
  }

  it('refuses an export whose task does not match the fitted model', async () => {
    const model = await fitEstimator(randomForest, x, targetForSynthetic(x, 'regression', 5), { n_estimators: 3 }, defaultContext(3));
    let err: unknown;
    try {
      exportEstimator(randomForest, model.state(), { features: 5, task: 'binary', classes: ['a', 'b'] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AutopipeError);
    expect((err as AutopipeError).message).toMatch(/fitted for regression, but the export is for a binary task/);
  });
});
