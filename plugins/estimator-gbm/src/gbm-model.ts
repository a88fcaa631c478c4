import { classPrediction, inputError, stateField, type FittedModel, type Matrix, type Prediction, type StateValue } from '@autopipe/core';
import type { BinEdges } from '@autopipe/trees';
import type { Ensemble } from './ensemble.js';
import { Scorer } from './scorer.js';

/** Everything a fitted booster needs to predict; copies, never views of the training data. */
export interface GbmModelParts {
  readonly estimator: string;
  /** Training classes for classifiers, null for regression. */
  readonly classes: readonly string[] | null;
  /** Raw scores per row: classes for multiclass, else 1; tree t adds to output `t % outputs`. */
  readonly outputs: number;
  /** Starting raw score per output. */
  readonly init: Float64Array;
  readonly bins: BinEdges;
  readonly trees: Ensemble;
  /** Boosting iterations kept (trees = iterations × outputs). */
  readonly nIterations: number;
  readonly importances: Float64Array;
}

const FORMAT = 1;

/** A fitted gradient-boosted ensemble: sums leaf values over trees (on raw values, see `Scorer`), then links. */
export class GbmModel implements FittedModel {
  readonly estimator: string;
  private readonly scorer: Scorer;

  constructor(private readonly parts: GbmModelParts) {
    this.estimator = parts.estimator;
    this.scorer = new Scorer(parts.trees, parts.bins);
  }

  /** Boosting iterations actually used (fewer than `n_estimators` when early stopping stopped). */
  get nIterations(): number {
    return this.parts.nIterations;
  }

  /** Everything predict reads, for export; the arrays are the model's own, not copies. */
  get contents(): GbmModelParts {
    return this.parts;
  }

  /** Raw scores (before sigmoid/softmax), output-major: output k of row i is at `k * rows + i`. */
  rawScores(x: Matrix): Float64Array {
    const { outputs, init } = this.parts;
    const cols = this.scorer.cols;
    if (x.cols !== cols) throw inputError('SCHEMA_MISMATCH', `The model was trained on ${cols} columns but got ${x.cols}; pass the same columns as in training.`);
    const n = x.rows;
    const raw = new Float64Array(n * outputs);
    for (let k = 0; k < outputs; k++) raw.fill(init[k], k * n, (k + 1) * n);
    this.scorer.addScores(x.data, n, outputs, raw);
    return raw;
  }

  predict(x: Matrix): Prediction {
    const raw = this.rawScores(x);
    const { classes, outputs } = this.parts;
    if (!classes) return { kind: 'regression', values: raw };
    const n = x.rows;
    const k = classes.length;
    const proba = new Float64Array(n * k);
    if (outputs === 1) {
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-raw[i]));
        proba[i * 2] = 1 - p;
        proba[i * 2 + 1] = p;
      }
    } else {
      for (let i = 0; i < n; i++) {
        let max = -Infinity;
        for (let c = 0; c < k; c++) if (raw[c * n + i] > max) max = raw[c * n + i];
        let s = 0;
        for (let c = 0; c < k; c++) s += proba[i * k + c] = Math.exp(raw[c * n + i] - max);
        for (let c = 0; c < k; c++) proba[i * k + c] /= s;
      }
    }
    return classPrediction(classes, proba);
  }

  /** Total split gain per feature, normalized to sum to 1 (all zeros when no tree split). */
  importances(): Float64Array {
    return this.parts.importances.slice();
  }

  state(): StateValue {
    const { classes, outputs, init, bins, trees, nIterations, importances } = this.parts;
    return {
      format: FORMAT,
      classes: classes ? [...classes] : null,
      outputs,
      init,
      edges: bins.edges,
      edgeOffsets: bins.offsets,
      feature: trees.feature,
      threshold: trees.threshold,
      missingLeft: trees.missingLeft,
      left: trees.left,
      right: trees.right,
      value: trees.value,
      roots: trees.roots,
      nIterations,
      importances,
    };
  }
}

/** Rebuilds a model from `GbmModel.state()`; damaged or foreign state is a MODEL_INCOMPATIBLE error. */
export function restoreGbmModel(estimator: string, s: StateValue): GbmModel {
  const owner = `estimator "${estimator}"`;
  const is = (C: new (n: number) => unknown) => (v: StateValue) => v instanceof C;
  const count = (v: StateValue): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  stateField<number>(s, 'format', (v) => v === FORMAT, owner);
  const classes = stateField<readonly StateValue[] | null>(s, 'classes', (v) => v === null || (Array.isArray(v) && v.every((c) => typeof c === 'string')), owner);
  const outputs = stateField<number>(s, 'outputs', (v) => count(v) && (v as number) >= 1, owner);
  const trees: Ensemble = {
    feature: stateField<Int32Array>(s, 'feature', is(Int32Array), owner),
    threshold: stateField<Uint8Array>(s, 'threshold', is(Uint8Array), owner),
    missingLeft: stateField<Uint8Array>(s, 'missingLeft', is(Uint8Array), owner),
    left: stateField<Int32Array>(s, 'left', is(Int32Array), owner),
    right: stateField<Int32Array>(s, 'right', is(Int32Array), owner),
    value: stateField<Float64Array>(s, 'value', is(Float64Array), owner),
    roots: stateField<Int32Array>(s, 'roots', is(Int32Array), owner),
  };
  const nodes = trees.feature.length;
  const bins: BinEdges = {
    edges: stateField<Float64Array>(s, 'edges', is(Float64Array), owner),
    offsets: stateField<Int32Array>(s, 'edgeOffsets', (v) => v instanceof Int32Array && v.length >= 1, owner),
  };
  const cols = bins.offsets.length - 1;
  // Children and features index arrays when scoring: out-of-range ones would read garbage, not fail.
  const consistent = [trees.threshold, trees.missingLeft, trees.left, trees.right, trees.value].every((a) => a.length === nodes)
    && trees.roots.every((r) => r >= 0 && r < nodes) && trees.left.every((c) => c < nodes) && trees.right.every((c) => c < nodes)
    && trees.feature.every((f, i) => f < cols && (f < 0 || (trees.left[i] >= 0 && trees.right[i] >= 0)))
    && bins.offsets.every((o, j) => o >= 0 && o <= bins.edges.length && (j === 0 || o >= bins.offsets[j - 1]));
  stateField(s, 'roots', () => consistent, owner);
  return new GbmModel({
    estimator,
    classes: classes as readonly string[] | null,
    outputs,
    init: stateField<Float64Array>(s, 'init', (v) => v instanceof Float64Array && v.length === outputs, owner),
    bins,
    trees,
    nIterations: stateField<number>(s, 'nIterations', count, owner),
    importances: stateField<Float64Array>(s, 'importances', is(Float64Array), owner),
  });
}
