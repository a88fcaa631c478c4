import {
  classPrediction, inputError, stateField,
  type EstimatorDefinition, type FittedModel, type Matrix, type SearchSpace, type StateValue,
} from '@autopipe/core';

/** Hyperparameters of `nearest_centroid`. Plain data: the searcher and `--params` set them. */
export type NearestCentroidParams = {
  /** `euclidean` (squared L2 to the class mean) or `manhattan` (L1 to the class median). */
  readonly metric: string;
  /** Softness of the probabilities: `proba ∝ exp(−distance / temperature)`. Labels do not depend on it. */
  readonly temperature: number;
};

const KEY = 'nearest_centroid';
const METRICS = ['euclidean', 'manhattan'] as const;

/** Where the searcher may look; parameters not listed keep their defaults. */
export const nearestCentroidSpace: SearchSpace = {
  metric: { kind: 'categorical', choices: METRICS },
  temperature: { kind: 'float', low: 0.05, high: 20, log: true },
};

/** Everything `predict` needs, and nothing that points at the training data. */
interface CentroidFit {
  readonly classes: readonly string[];
  readonly metric: string;
  readonly temperature: number;
  /** Class-major `k × cols`: centroid of class c is `centroids[c * cols .. (c + 1) * cols]`. */
  readonly centroids: Float64Array;
  readonly cols: number;
}

/** Median of the values of column `off..off+rows` whose row belongs to class c (NaN when the class is empty). */
function classMedian(x: Matrix, j: number, codes: Int32Array, c: number): number {
  const vals: number[] = [];
  const off = j * x.rows;
  for (let i = 0; i < x.rows; i++) if (codes[i] === c) vals.push(x.data[off + i]);
  if (vals.length === 0) return NaN;
  vals.sort((a, b) => a - b);
  const h = vals.length >> 1;
  return vals.length % 2 ? vals[h] : (vals[h - 1] + vals[h]) / 2;
}

function fitCentroids(x: Matrix, classes: readonly string[], codes: Int32Array, metric: string): Float64Array {
  const k = classes.length;
  const out = new Float64Array(k * x.cols);
  if (metric === 'manhattan') {
    for (let j = 0; j < x.cols; j++) for (let c = 0; c < k; c++) out[c * x.cols + j] = classMedian(x, j, codes, c);
    return out;
  }
  const counts = new Float64Array(k);
  for (let i = 0; i < x.rows; i++) counts[codes[i]]++;
  for (let j = 0; j < x.cols; j++) {
    const off = j * x.rows;
    for (let i = 0; i < x.rows; i++) out[codes[i] * x.cols + j] += x.data[off + i];
    for (let c = 0; c < k; c++) out[c * x.cols + j] = counts[c] > 0 ? out[c * x.cols + j] / counts[c] : NaN;
  }
  return out;
}

/** Row-major `rows × k` probabilities from distances to each centroid; empty classes (NaN centroid) get 0. */
function predictProba(fit: CentroidFit, x: Matrix): Float64Array {
  const { cols, centroids, temperature } = fit;
  const k = fit.classes.length;
  const n = x.rows;
  const dist = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < cols; j++) {
      const m = centroids[c * cols + j];
      const off = j * n;
      for (let i = 0; i < n; i++) {
        const d = x.data[off + i] - m;
        dist[i * k + c] += fit.metric === 'manhattan' ? Math.abs(d) : d * d;
      }
    }
  }
  const proba = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    // Softmax of −d/T, shifted by the smallest distance so the nearest class has exp(0) = 1 and nothing underflows to 0/0.
    let min = Infinity;
    for (let c = 0; c < k; c++) if (dist[i * k + c] < min) min = dist[i * k + c];
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const d = dist[i * k + c];
      const e = Number.isNaN(d) ? 0 : Math.exp(-(d - min) / temperature);
      proba[i * k + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) proba[i * k + c] /= sum;
  }
  return proba;
}

function model(fit: CentroidFit): FittedModel {
  return {
    estimator: KEY,
    predict(x) {
      if (x.cols !== fit.cols) {
        throw inputError('SCHEMA_MISMATCH', `Estimator "${KEY}" was fitted on ${fit.cols} columns but got ${x.cols}; predict with the same columns.`);
      }
      return classPrediction(fit.classes, predictProba(fit, x));
    },
    // Copies, so a caller that mutates the state cannot change this model.
    state: (): StateValue => ({ classes: [...fit.classes], metric: fit.metric, temperature: fit.temperature, cols: fit.cols, centroids: fit.centroids.slice() }),
  };
}

/**
 * Nearest-centroid classifier (scikit-learn's `NearestCentroid`, plus soft probabilities): each class is summarized
 * by its mean (euclidean) or median (manhattan) and a row goes to the closest one. Deterministic and one pass.
 */
export const nearestCentroid: EstimatorDefinition<NearestCentroidParams> = {
  kind: 'estimator',
  key: KEY,
  description: 'Nearest centroid: assigns each row to the class with the closest mean (or median)',
  tasks: ['binary', 'multiclass'],
  capabilities: ['needs-scaling'],
  defaults: { metric: 'euclidean', temperature: 1 },
  space: nearestCentroidSpace,
  cost: 0.2,

  fit(x, y, params) {
    // fitEstimator already checked names and types; ranges are ours to check.
    if (!METRICS.includes(params.metric as (typeof METRICS)[number])) {
      throw inputError('INVALID_PARAMS', `Estimator "${KEY}": metric must be one of ${METRICS.join(', ')}, got "${params.metric}".`, { owner: KEY, param: 'metric' });
    }
    if (!(params.temperature > 0)) {
      throw inputError('INVALID_PARAMS', `Estimator "${KEY}": temperature must be positive (e.g. 1), got ${params.temperature}.`, { owner: KEY, param: 'temperature' });
    }
    if (y.kind !== 'classification') throw inputError('UNSUPPORTED_TASK', `Estimator "${KEY}" needs a class target.`);
    const centroids = fitCentroids(x, y.classes, y.codes, params.metric);
    return model({ classes: [...y.classes], metric: params.metric, temperature: params.temperature, centroids, cols: x.cols });
  },

  restore(state) {
    const owner = `estimator "${KEY}"`;
    const classes = stateField<string[]>(state, 'classes', (v) => Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === 'string'), owner);
    const metric = stateField<string>(state, 'metric', (v) => typeof v === 'string' && (METRICS as readonly string[]).includes(v), owner);
    const temperature = stateField<number>(state, 'temperature', (v) => typeof v === 'number' && v > 0, owner);
    const cols = stateField<number>(state, 'cols', (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0, owner);
    const centroids = stateField<Float64Array>(state, 'centroids', (v) => v instanceof Float64Array && v.length === classes.length * cols, owner);
    return model({ classes, metric, temperature, cols, centroids });
  },
};
