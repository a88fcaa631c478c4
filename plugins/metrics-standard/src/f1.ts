import type { MetricDefinition } from '@autopipe/core';
import { classCounts } from './class-counts.js';
import { labelPair } from './inputs.js';

/** 2·TP / (2·TP + FP + FN), written so it is 0 (scikit-learn's zero_division=0) when the class never occurs. */
function f1Of(tp: number, actual: number, predicted: number): number {
  const denom = actual + predicted;
  return denom === 0 ? 0 : (2 * tp) / denom;
}

/**
 * Binary: F1 of the positive class, the second sorted label. Multiclass: unweighted mean F1 over the
 * classes that occur in the target or the predictions (scikit-learn `average='macro'`).
 */
export const f1: MetricDefinition = {
  kind: 'metric',
  key: 'f1',
  description: 'F1 score: of the positive (second sorted) class for binary targets, macro-averaged for multiclass.',
  direction: 'max',
  tasks: ['binary', 'multiclass'],
  needs: 'label',
  score(y, p) {
    const l = labelPair('f1', y, p);
    const { tp, actual, predicted } = classCounts(l);
    if (l.classes.length === 2) return f1Of(tp[1], actual[1], predicted[1]);
    let sum = 0;
    let m = 0;
    for (let c = 0; c < l.classes.length; c++) {
      if (actual[c] === 0 && predicted[c] === 0) continue;
      sum += f1Of(tp[c], actual[c], predicted[c]);
      m++;
    }
    return m === 0 ? 0 : sum / m;
  },
};
