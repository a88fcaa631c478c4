import { classPrediction, stateField, type FittedModel, type Matrix, type Prediction, type StateValue } from '@autopipe/core';
import { binMatrix, predictTree, type BinEdges, type Tree } from '@autopipe/trees';

/** Everything a fitted decision tree needs to predict; copies, never views of training data. */
export interface TreeModelParts {
  readonly estimator: string;
  /** Training classes for classifiers, null for regression. */
  readonly classes: readonly string[] | null;
  readonly bins: BinEdges;
  readonly tree: Tree;
  readonly importances: Float64Array;
}

const FORMAT = 1;

/** A fitted CART tree: maps raw values to the training bins, walks the tree, reads leaf values. */
export class TreeModel implements FittedModel {
  readonly estimator: string;

  constructor(private readonly parts: TreeModelParts) {
    this.estimator = parts.estimator;
  }

  predict(x: Matrix): Prediction {
    const values = predictTree(this.parts.tree, binMatrix(x, this.parts.bins));
    if (this.parts.classes) return classPrediction(this.parts.classes, values);
    return { kind: 'regression', values };
  }

  importances(): Float64Array {
    return this.parts.importances.slice();
  }

  /** The flat tree, for inspection and for ensembles built on it. */
  get tree(): Tree {
    return this.parts.tree;
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
    const { tree, bins, classes, importances } = this.parts;
    return {
      format: FORMAT,
      classes: classes ? [...classes] : null,
      edges: bins.edges,
      edgeOffsets: bins.offsets,
      feature: tree.feature,
      threshold: tree.threshold,
      missingLeft: tree.missingLeft,
      left: tree.left,
      right: tree.right,
      samples: tree.samples,
      values: tree.values,
      valueSize: tree.valueSize,
      importances,
    };
  }
}

/** Rebuilds a model from `TreeModel.state()`; damaged or foreign state is a MODEL_INCOMPATIBLE error. */
export function restoreTreeModel(estimator: string, s: StateValue): TreeModel {
  const owner = `estimator "${estimator}"`;
  const is = (C: new (n: number) => unknown) => (v: StateValue) => v instanceof C;
  stateField<number>(s, 'format', (v) => v === FORMAT, owner);
  const classes = stateField<readonly StateValue[] | null>(s, 'classes', (v) => v === null || (Array.isArray(v) && v.every((c) => typeof c === 'string')), owner);
  const tree: Tree = {
    feature: stateField<Int32Array>(s, 'feature', is(Int32Array), owner),
    threshold: stateField<Int32Array>(s, 'threshold', is(Int32Array), owner),
    missingLeft: stateField<Uint8Array>(s, 'missingLeft', is(Uint8Array), owner),
    left: stateField<Int32Array>(s, 'left', is(Int32Array), owner),
    right: stateField<Int32Array>(s, 'right', is(Int32Array), owner),
    samples: stateField<Int32Array>(s, 'samples', is(Int32Array), owner),
    values: stateField<Float64Array>(s, 'values', is(Float64Array), owner),
    valueSize: stateField<number>(s, 'valueSize', (v) => typeof v === 'number' && v >= 1, owner),
  };
  const nodes = tree.feature.length;
  stateField(s, 'values', () => tree.values.length === nodes * tree.valueSize && tree.left.length === nodes && tree.right.length === nodes, owner);
  return new TreeModel({
    estimator,
    classes: classes as readonly string[] | null,
    bins: {
      edges: stateField<Float64Array>(s, 'edges', is(Float64Array), owner),
      offsets: stateField<Int32Array>(s, 'edgeOffsets', is(Int32Array), owner),
    },
    tree,
    importances: stateField<Float64Array>(s, 'importances', is(Float64Array), owner),
  });
}
