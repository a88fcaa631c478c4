import { classPrediction, stateField, type FittedModel, type Matrix, type Prediction, type StateValue } from '@autopipe/core';
import { binMatrix, type BinEdges } from '@autopipe/trees';
import { predictForest, type FlatForest } from './flat-forest.js';

/** Everything a fitted forest needs to predict; copies, never views of training data. */
export interface ForestModelParts {
  readonly estimator: string;
  /** Training classes for classifiers, null for regression. */
  readonly classes: readonly string[] | null;
  readonly bins: BinEdges;
  readonly forest: FlatForest;
  readonly importances: Float64Array;
  /** Out-of-bag accuracy (classification) or R² (regression); null without bootstrap or without OOB rows. */
  readonly oobScore: number | null;
}

const FORMAT = 1;

/** A fitted random forest or extra-trees ensemble: bins raw values once, averages the trees' leaf values. */
export class ForestModel implements FittedModel {
  readonly estimator: string;

  constructor(private readonly parts: ForestModelParts) {
    this.estimator = parts.estimator;
  }

  predict(x: Matrix): Prediction {
    const values = predictForest(this.parts.forest, binMatrix(x, this.parts.bins));
    if (this.parts.classes) return classPrediction(this.parts.classes, values);
    return { kind: 'regression', values };
  }

  importances(): Float64Array {
    return this.parts.importances.slice();
  }

  /** Out-of-bag score: accuracy for classifiers, R² for regression; null when `bootstrap` was off. */
  get oobScore(): number | null {
    return this.parts.oobScore;
  }

  /** The packed trees, for inspection. */
  get forest(): FlatForest {
    return this.parts.forest;
  }

  /** The training bin edges that thresholds refer to. */
  get bins(): BinEdges {
    return this.parts.bins;
  }

  /** Training classes (code order) for classifiers, null for regression. */
  get classes(): readonly string[] | null {
    return this.parts.classes;
  }

  state(): StateValue {
    const { forest, bins, classes, importances, oobScore } = this.parts;
    return {
      format: FORMAT,
      classes: classes ? [...classes] : null,
      edges: bins.edges,
      edgeOffsets: bins.offsets,
      roots: forest.roots,
      feature: forest.feature,
      threshold: forest.threshold,
      missingLeft: forest.missingLeft,
      left: forest.left,
      right: forest.right,
      values: forest.values,
      valueSize: forest.valueSize,
      importances,
      oobScore,
    };
  }
}

/** Rebuilds a model from `ForestModel.state()`; damaged or foreign state is a MODEL_INCOMPATIBLE error. */
export function restoreForestModel(estimator: string, s: StateValue): ForestModel {
  const owner = `estimator "${estimator}"`;
  const is = (C: new (n: number) => unknown) => (v: StateValue) => v instanceof C;
  stateField<number>(s, 'format', (v) => v === FORMAT, owner);
  const classes = stateField<readonly StateValue[] | null>(s, 'classes', (v) => v === null || (Array.isArray(v) && v.every((c) => typeof c === 'string')), owner);
  const forest: FlatForest = {
    roots: stateField<Int32Array>(s, 'roots', is(Int32Array), owner),
    feature: stateField<Int32Array>(s, 'feature', is(Int32Array), owner),
    threshold: stateField<Int32Array>(s, 'threshold', is(Int32Array), owner),
    missingLeft: stateField<Uint8Array>(s, 'missingLeft', is(Uint8Array), owner),
    left: stateField<Int32Array>(s, 'left', is(Int32Array), owner),
    right: stateField<Int32Array>(s, 'right', is(Int32Array), owner),
    values: stateField<Float64Array>(s, 'values', is(Float64Array), owner),
    valueSize: stateField<number>(s, 'valueSize', (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1, owner),
  };
  const nodes = forest.feature.length;
  const sameLength = [forest.threshold, forest.missingLeft, forest.left, forest.right].every((a) => a.length === nodes);
  stateField(s, 'feature', () => sameLength && forest.roots.length > 0 && forest.values.length % forest.valueSize === 0, owner);
  return new ForestModel({
    estimator,
    classes: classes as readonly string[] | null,
    bins: {
      edges: stateField<Float64Array>(s, 'edges', is(Float64Array), owner),
      offsets: stateField<Int32Array>(s, 'edgeOffsets', is(Int32Array), owner),
    },
    forest,
    importances: stateField<Float64Array>(s, 'importances', is(Float64Array), owner),
    oobScore: stateField<number | null>(s, 'oobScore', (v) => v === null || typeof v === 'number', owner),
  });
}
