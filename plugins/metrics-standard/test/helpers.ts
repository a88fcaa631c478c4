import { classPrediction, sortLabels, type ClassPrediction, type ClassTarget, type RegressionPrediction, type RegressionTarget } from '@autopipe/core';

/** A class target from labels, with classes sorted the way core sorts them. */
export function classTarget(labels: readonly (string | number)[], classes?: readonly string[]): ClassTarget {
  const str = labels.map(String);
  const cls = classes ?? sortLabels(str);
  return { kind: 'classification', classes: cls, codes: Int32Array.from(str.map((l) => cls.indexOf(l))) };
}

/** A class prediction carrying only labels; probabilities are one-hot so they stay consistent. */
export function labelPrediction(labels: readonly (string | number)[], classes: readonly string[]): ClassPrediction {
  const k = classes.length;
  const proba = new Float64Array(labels.length * k);
  labels.forEach((l, i) => (proba[i * k + classes.indexOf(String(l))] = 1));
  return classPrediction(classes, proba);
}

/** A class prediction from row-wise probabilities. */
export function probaPrediction(rows: readonly (readonly number[])[], classes: readonly string[]): ClassPrediction {
  return classPrediction(classes, Float64Array.from(rows.flat()));
}

/** Binary prediction from the positive-class probability. */
export function binaryPrediction(positive: readonly number[], classes: readonly string[] = ['0', '1']): ClassPrediction {
  return probaPrediction(positive.map((s) => [1 - s, s]), classes);
}

export const valueTarget = (v: readonly number[]): RegressionTarget => ({ kind: 'regression', values: Float64Array.from(v) });
export const valuePrediction = (v: readonly number[]): RegressionPrediction => ({ kind: 'regression', values: Float64Array.from(v) });
