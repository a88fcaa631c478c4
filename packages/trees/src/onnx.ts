import { AutopipeError, onnxUnsupported, type OnnxAttribute, type OnnxGraph } from '@autopipe/core';
import type { BinEdges } from './binning.js';

// ONNX export of binned trees, shared by the tree learners (decision_tree, forests) and gbm.

/**
 * Flat trees as autopipe's tree learners store them: global node indices, `feature < 0` marks a leaf, and at a
 * split a row goes left when its bin is `<= threshold` or, when missing, when `missingLeft` is 1.
 */
export interface BinnedTrees {
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: ArrayLike<number>;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Row of the leaf-value table that leaf `node` reads. */
  readonly leafRow: (node: number) => number;
}

/** How leaf values combine: `init + Σ trees` in tree order, step by step, then `× scale`. */
export interface TreeSum {
  /** Names the model in error messages, e.g. `estimator "gbm"`. */
  readonly what: string;
  /** Leaf values, row-major `rows × width`. */
  readonly table: Float64Array;
  readonly width: number;
  /** Consecutive trees added together in one step, each into its own slot (gbm multiclass: one tree per class). */
  readonly group: number;
  /** Start of the sum, `group × width` values (gbm's initial scores); without it the sum starts at the first step. */
  readonly init?: Float64Array;
  readonly scale?: number;
}

/** Largest integer a float32 holds exactly: the tree operator outputs leaf ids as float32. */
const FLOAT_EXACT = 1 << 24;

/**
 * The real split value of "bin <= t" on feature j: bin b holds `edges[b - 2] < v <= edges[b - 1]`, so the test is
 * `v <= edges[t - 1]`; a threshold at or past the last value bin sends every non-missing value left (+Infinity).
 * `null` when no value goes left (t < 1).
 */
export function splitValue(edges: BinEdges, j: number, t: number): number | null {
  if (t < 1) return null;
  const at = edges.offsets[j] + t - 1;
  return at < edges.offsets[j + 1] ? edges.edges[at] : Infinity;
}

/** Attributes of a TreeEnsembleRegressor (ai.onnx.ml 3) whose target t is the leaf id, within tree t, that a row reaches. */
export interface LeafIdEnsemble {
  readonly attributes: Record<string, OnnxAttribute>;
  /** Per tree, the table row of its leaf id 0: table row = offset + leaf id. */
  readonly offsets: BigInt64Array;
}

/**
 * Translates binned trees into a TreeEnsembleRegressor that finds leaves rather than summing values: tree t writes
 * its leaf's id (table row minus the tree's smallest row) into output column t. The ids are small integers, exact
 * in the operator's float32 output, while the leaf values stay in double for a Gather; thresholds are doubles
 * (`nodes_values_as_tensor`), compared in double by onnxruntime, with BRANCH_LEQ matching the bins' `<=`.
 */
export function leafIdEnsemble(trees: BinnedTrees, edges: BinEdges, features: number, what: string): LeafIdEnsemble {
  const { roots, feature, threshold, missingLeft, left, right, leafRow } = trees;
  const cols = edges.offsets.length - 1;
  if (cols !== features) {
    throw new AutopipeError('SCHEMA_MISMATCH', `Cannot export ${what} to ONNX: it was trained on ${cols} features but the graph gives it ${features}.`, { what });
  }
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const featureIds: number[] = [];
  const modes: string[] = [];
  const values: number[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const missingTrue: number[] = [];
  const targetTrees: number[] = [];
  const targetNodes: number[] = [];
  const weights: number[] = [];
  const offsets = new BigInt64Array(roots.length);
  const local = new Int32Array(feature.length).fill(-1);
  const stack: number[] = [];
  const order: number[] = [];
  for (let t = 0; t < roots.length; t++) {
    // Number this tree's nodes 0.. in preorder, so children are known when the parent is written.
    order.length = 0;
    stack.push(roots[t]);
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node < 0 || node >= feature.length || local[node] >= 0) {
        throw new AutopipeError('MODEL_INCOMPATIBLE', `Cannot export ${what} to ONNX: tree ${t} is not a tree (node ${node}).`, { what });
      }
      local[node] = order.length;
      order.push(node);
      if (feature[node] >= 0) stack.push(right[node], left[node]);
    }
    let minRow = Infinity;
    for (const node of order) if (feature[node] < 0) minRow = Math.min(minRow, leafRow(node));
    offsets[t] = BigInt(minRow);
    for (const node of order) {
      treeIds.push(t);
      nodeIds.push(local[node]);
      const j = feature[node];
      if (j < 0) {
        const id = leafRow(node) - minRow;
        if (id >= FLOAT_EXACT) throw onnxUnsupported(what, `tree ${t} has more than ${FLOAT_EXACT} leaves`);
        featureIds.push(0);
        modes.push('LEAF');
        values.push(0);
        trueIds.push(0);
        falseIds.push(0);
        missingTrue.push(0);
        targetTrees.push(t);
        targetNodes.push(local[node]);
        weights.push(id);
        continue;
      }
      if (j >= cols) throw new AutopipeError('MODEL_INCOMPATIBLE', `Cannot export ${what} to ONNX: a split uses feature ${j} of ${cols}.`, { what });
      const v = splitValue(edges, j, threshold[node]);
      featureIds.push(j);
      // No value passes "< -Infinity": the split sends only (possibly) the missing rows left.
      modes.push(v === null ? 'BRANCH_LT' : 'BRANCH_LEQ');
      values.push(v ?? -Infinity);
      trueIds.push(local[left[node]]);
      falseIds.push(local[right[node]]);
      missingTrue.push(missingLeft[node] === 1 ? 1 : 0);
    }
  }
  const n = values.length;
  return {
    offsets,
    attributes: {
      n_targets: { int: roots.length },
      aggregate_function: { string: 'SUM' },
      post_transform: { string: 'NONE' },
      nodes_treeids: { ints: treeIds },
      nodes_nodeids: { ints: nodeIds },
      nodes_featureids: { ints: featureIds },
      nodes_modes: { strings: modes },
      nodes_values_as_tensor: { tensor: { type: 'double', dims: [n], values: Float64Array.from(values) } },
      nodes_truenodeids: { ints: trueIds },
      nodes_falsenodeids: { ints: falseIds },
      nodes_missing_value_tracks_true: { ints: missingTrue },
      target_treeids: { ints: targetTrees },
      target_nodeids: { ints: targetNodes },
      target_ids: { ints: targetTrees },
      target_weights_as_tensor: { tensor: { type: 'double', dims: [weights.length], values: Float64Array.from(weights) } },
    },
  };
}

const INT64 = 7;

/** Int64 shape/index constant. */
function ints(graph: OnnxGraph, values: readonly number[], hint: string): string {
  return graph.constant({ type: 'int64', dims: [values.length], values }, hint);
}

/**
 * Emits `trees` on the double tensor `x` [N, features] and returns a double tensor [N, group × width] holding, per
 * row, `(init + step_0 + step_1 + ...) × scale`, where step s adds the leaf rows of trees s·group .. s·group+group-1.
 * Leaf rows are gathered in double and added one step at a time in tree order, the order autopipe's own
 * predict uses, so the sums match it bit for bit (a ReduceSum would be free to reorder them).
 */
export function emitTreeSum(graph: OnnxGraph, x: string, features: number, edges: BinEdges, trees: BinnedTrees, sum: TreeSum): string {
  const { what, table, width, group } = sum;
  if (graph.opset.ml < 3 || graph.opset.onnx < 13) {
    throw onnxUnsupported(what, `tree export needs ai.onnx.ml opset 3 and ONNX opset 13 or later (the graph has ${graph.opset.ml} and ${graph.opset.onnx})`);
  }
  const out = group * width;
  const T = trees.roots.length;
  if (T % group !== 0) throw new AutopipeError('MODEL_INCOMPATIBLE', `Cannot export ${what} to ONNX: ${T} trees do not split into steps of ${group}.`, { what });
  const shape = ints(graph, [-1, out], 'tree_sum_shape');
  const init = (dims: number[]) => (sum.init ? graph.constant({ type: 'double', dims, values: sum.init }, 'tree_sum_init') : null);
  let acc: string;
  if (T === 0) {
    const start = init([1, out]);
    if (!start) throw new AutopipeError('MODEL_INCOMPATIBLE', `Cannot export ${what} to ONNX: it has no trees.`, { what });
    // No trees (early stopping kept none): every row gets the initial scores; only the row count comes from x.
    const rows = graph.node('Gather', [graph.node('Shape', [x])[0], ints(graph, [0], 'tree_sum_rows')], { axis: { int: 0 } })[0];
    const dims = graph.node('Concat', [rows, ints(graph, [out], 'tree_sum_width')], { axis: { int: 0 } })[0];
    acc = graph.node('Expand', [start, dims], {}, { hint: 'tree_sum' })[0];
  } else {
    const { attributes, offsets } = leafIdEnsemble(trees, edges, features, what);
    const ids = graph.node('TreeEnsembleRegressor', [x], attributes, { domain: 'ai.onnx.ml', hint: 'leaf_ids' })[0];
    const local = graph.node('Cast', [ids], { to: { int: INT64 } })[0];
    const rowsOf = graph.node('Add', [local, graph.constant({ type: 'int64', dims: [T], values: offsets }, 'leaf_offsets')])[0];
    const tableName = graph.constant({ type: 'double', dims: [table.length / width, width], values: table }, 'leaf_values');
    // Leaf rows are split per step before the gather, so only one step's values ([N, group, width]) exist at a time
    // rather than all trees' ([N, trees, width]), which for a multiclass forest on a large batch would be gigabytes.
    const steps = T / group;
    const parts = steps === 1 ? [rowsOf] : graph.node('Split', [rowsOf, ints(graph, new Array<number>(steps).fill(group), 'split')], { axis: { int: 1 } }, { outputs: steps, hint: 'step_rows' });
    const gather = (rows: string) => graph.node('Gather', [tableName, rows], { axis: { int: 0 } }, { hint: 'leaf_values' })[0];
    let s = 0;
    acc = init([1, group, width]) ?? gather(parts[s++]);
    for (; s < parts.length; s++) acc = graph.node('Add', [acc, gather(parts[s])], {}, { hint: 'tree_sum' })[0];
    acc = graph.node('Reshape', [acc, shape])[0];
  }
  if (sum.scale !== undefined) acc = graph.node('Mul', [acc, graph.constant({ type: 'double', dims: [1], values: [sum.scale] }, 'tree_scale')])[0];
  return acc;
}
