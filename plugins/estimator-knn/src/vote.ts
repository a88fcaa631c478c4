import type { Neighbors } from './neighbors.js';

/**
 * Fills `w` with the weights of one query's neighbours. `distance` weights are 1/d, except that exact
 * matches (d = 0) take all the weight, shared equally, as in scikit-learn.
 */
function neighbourWeights(nb: Neighbors, query: number, mode: string, w: Float64Array): void {
  const k = nb.k;
  const base = query * k;
  if (mode === 'uniform') {
    w.fill(1);
    return;
  }
  // Neighbours are sorted nearest first, so an exact match, if any, is first.
  if (nb.dist[base] === 0) {
    for (let a = 0; a < k; a++) w[a] = nb.dist[base + a] === 0 ? 1 : 0;
    return;
  }
  for (let a = 0; a < k; a++) w[a] = 1 / nb.dist[base + a];
}

/** Row-major `queries × classes` probabilities: the normalized (weighted) class votes of the neighbours. */
export function voteClasses(nb: Neighbors, codes: Int32Array, classes: number, mode: string): Float64Array {
  const k = nb.k;
  const nq = nb.row.length / k;
  const proba = new Float64Array(nq * classes);
  const w = new Float64Array(k);
  for (let i = 0; i < nq; i++) {
    neighbourWeights(nb, i, mode, w);
    const base = i * classes;
    let total = 0;
    for (let a = 0; a < k; a++) {
      proba[base + codes[nb.row[i * k + a]]] += w[a];
      total += w[a];
    }
    for (let c = 0; c < classes; c++) proba[base + c] /= total;
  }
  return proba;
}

/** The (weighted) mean target of each query's neighbours. */
export function averageTargets(nb: Neighbors, values: Float64Array, mode: string): Float64Array {
  const k = nb.k;
  const nq = nb.row.length / k;
  const out = new Float64Array(nq);
  const w = new Float64Array(k);
  for (let i = 0; i < nq; i++) {
    neighbourWeights(nb, i, mode, w);
    let num = 0;
    let den = 0;
    for (let a = 0; a < k; a++) {
      num += w[a] * values[nb.row[i * k + a]];
      den += w[a];
    }
    out[i] = num / den;
  }
  return out;
}
