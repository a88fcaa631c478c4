import type { EstimatorOnnx, OnnxGraph } from '@autopipe/core';

type KnnState = {
  algorithm: 'kd_tree' | 'brute';
  index: { rows: number; cols: number; data?: Float64Array; points?: Float64Array; perm?: Int32Array };
  k: number; p: number; weights: string; smoothing?: number;
  classes: string[] | null;
  targets: Int32Array | Float64Array;
};

/** Training points by original row, one column-major Float64Array per feature (`[j][row]`). */
function trainingColumns(s: KnnState): Float64Array[] {
  const { rows, cols } = s.index;
  const out = Array.from({ length: cols }, () => new Float64Array(rows));
  if (s.algorithm === 'brute') {
    const data = s.index.data!;
    for (let j = 0; j < cols; j++) out[j].set(data.subarray(j * rows, (j + 1) * rows));
  } else {
    // KD-tree points are row-major in slot order; slot t holds training row perm[t].
    const { points, perm } = s.index;
    for (let t = 0; t < rows; t++) for (let j = 0; j < cols; j++) out[j][perm![t]] = points![t * cols + j];
  }
  return out;
}

function axes(g: OnnxGraph, ...a: number[]): string {
  return g.constant({ type: 'int64', dims: [a.length], values: a }, 'axes');
}

function scalar(g: OnnxGraph, v: number, hint: string): string {
  return g.constant({ type: 'double', dims: [], values: [v] }, hint);
}

/**
 * Reduced distances [N, T] to every training row, accumulated column by column from zero exactly as the plugin's
 * search does, so equal points give bit-equal distances and ties break the same way (TopK: lower index first).
 * Memory is N × T doubles per batch, never N × T × F.
 */
function distances(g: OnnxGraph, x: string, cols: Float64Array[], p: number): string {
  const f = cols.length;
  const parts = f === 1 ? [x] : g.node('Split', [x, g.constant({ type: 'int64', dims: [f], values: new Array(f).fill(1) }, 'knn_split')], { axis: { int: 1 } }, { outputs: f, hint: 'knn_col' });
  let acc = '';
  cols.forEach((col, j) => {
    const [diff] = g.node('Sub', [parts[j], g.constant({ type: 'double', dims: [col.length], values: col }, `knn_train${j}`)], {}, { hint: `knn_diff${j}` });
    const [term] = p === 2 ? g.node('Mul', [diff, diff], {}, { hint: `knn_sq${j}` }) : g.node('Abs', [diff], {}, { hint: `knn_abs${j}` });
    acc = j === 0 ? term : g.node('Add', [acc, term], {}, { hint: `knn_acc${j}` })[0];
  });
  return acc;
}

/** Neighbour weights [N, k]: 1, or 1/d with exact matches (d = 0 at the nearest) taking all the weight, as in vote.ts. */
function neighbourWeights(g: OnnxGraph, dist: string, s: KnnState): string | null {
  if (s.weights === 'uniform') return null;
  const zero = scalar(g, 0, 'knn_zero');
  const [d0] = g.node('Slice', [dist, g.constant({ type: 'int64', dims: [1], values: [0] }, 'knn_s0'), g.constant({ type: 'int64', dims: [1], values: [1] }, 'knn_s1'), axes(g, 1)], {}, { hint: 'knn_d0' });
  const [exact] = g.node('Equal', [d0, zero], {}, { hint: 'knn_exact' });
  const [matches] = g.node('Cast', [g.node('Equal', [dist, zero], {}, { hint: 'knn_is0' })[0]], { to: { int: 11 } }, { hint: 'knn_match_w' });
  const [inv] = g.node('Div', [scalar(g, 1, 'knn_one'), dist], {}, { hint: 'knn_inv' });
  return g.node('Where', [exact, matches, inv], {}, { hint: 'knn_w' })[0];
}

/**
 * k-nearest neighbours as ONNX: exact distances to the stored training rows, TopK (smallest, sorted, ties to the lower
 * row), then the (weighted) class vote with prior smoothing, or the (weighted) neighbour mean.
 */
export const knnOnnx: EstimatorOnnx = (state, g, input) => {
  const s = state as unknown as KnnState;
  const acc = distances(g, input.x, trainingColumns(s), s.p);
  const [reduced, idx] = g.node('TopK', [acc, g.constant({ type: 'int64', dims: [1], values: [s.k] }, 'knn_k')], { axis: { int: 1 }, largest: { int: 0 }, sorted: { int: 1 } }, { outputs: 2, hint: 'knn_top' });
  const [dist] = s.p === 2 ? g.node('Sqrt', [reduced], {}, { hint: 'knn_dist' }) : [reduced];
  const w = neighbourWeights(g, dist, s);
  const sumAxis1 = (t: string, keep: number, hint: string) => g.node('ReduceSum', [t, axes(g, 1)], { keepdims: { int: keep } }, { hint })[0];

  if (!s.classes) {
    const [v] = g.node('Gather', [g.constant({ type: 'double', dims: [s.targets.length], values: s.targets as Float64Array }, 'knn_targets'), idx], { axis: { int: 0 } }, { hint: 'knn_nv' });
    if (!w) return { values: g.node('Div', [sumAxis1(v, 1, 'knn_num'), scalar(g, s.k, 'knn_kd')], {}, { hint: 'knn_mean' })[0] };
    const [wv] = g.node('Mul', [w, v], {}, { hint: 'knn_wv' });
    return { values: g.node('Div', [sumAxis1(wv, 1, 'knn_num'), sumAxis1(w, 1, 'knn_den')], {}, { hint: 'knn_mean' })[0] };
  }

  const k = s.classes.length;
  const codes = g.constant({ type: 'int64', dims: [s.targets.length], values: BigInt64Array.from(s.targets as Int32Array, (c) => BigInt(c)) }, 'knn_codes');
  const [nc] = g.node('Gather', [codes, idx], { axis: { int: 0 } }, { hint: 'knn_nc' });
  const [nc3] = g.node('Unsqueeze', [nc, axes(g, 2)], {}, { hint: 'knn_nc3' });
  const range = g.constant({ type: 'int64', dims: [k], values: Array.from({ length: k }, (_, c) => c) }, 'knn_classes');
  const [onehot] = g.node('Cast', [g.node('Equal', [nc3, range], {}, { hint: 'knn_is_class' })[0]], { to: { int: 11 } }, { hint: 'knn_onehot' });
  let proba: string;
  if (!w) {
    proba = g.node('Div', [sumAxis1(onehot, 0, 'knn_votes'), scalar(g, s.k, 'knn_kd')], {}, { hint: 'knn_vote_p' })[0];
  } else {
    const [w3] = g.node('Unsqueeze', [w, axes(g, 2)], {}, { hint: 'knn_w3' });
    const [weighted] = g.node('Mul', [onehot, w3], {}, { hint: 'knn_weighted' });
    proba = g.node('Div', [sumAxis1(weighted, 0, 'knn_votes'), sumAxis1(w, 1, 'knn_total')], {}, { hint: 'knn_vote_p' })[0];
  }
  const m = s.smoothing ?? 0;
  if (m <= 0) return { probabilities: proba };
  // As smoothVotes: the prior accumulates 1/n per row, and (k·p + m·prior) / (k + m).
  const prior = new Float64Array(k);
  for (const c of s.targets as Int32Array) prior[c] += 1 / s.targets.length;
  const [kp] = g.node('Mul', [scalar(g, s.k, 'knn_kn'), proba], {}, { hint: 'knn_kp' });
  const [num] = g.node('Add', [kp, g.constant({ type: 'double', dims: [k], values: prior.map((v) => m * v) }, 'knn_mprior')], {}, { hint: 'knn_smooth_num' });
  return { probabilities: g.node('Div', [num, scalar(g, s.k + m, 'knn_km')], {}, { hint: 'knn_proba' })[0] };
};
