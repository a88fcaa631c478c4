import type { MetricDefinition } from '@autopipe/core';
import { classCounts } from './class-counts.js';
import { labelPair } from './inputs.js';

/** Mean recall over the classes present in y, so a rare class weighs as much as a common one. */
export const balancedAccuracy: MetricDefinition = {
  kind: 'metric',
  key: 'balanced_accuracy',
  description: 'Mean per-class recall over the classes present in the target (robust to class imbalance).',
  direction: 'max',
  tasks: ['binary', 'multiclass'],
  needs: 'label',
  score(y, p) {
    const { tp, actual } = classCounts(labelPair('balanced_accuracy', y, p));
    let sum = 0;
    let m = 0;
    for (let c = 0; c < actual.length; c++) {
      if (actual[c] === 0) continue;
      sum += tp[c] / actual[c];
      m++;
    }
    return sum / m;
  },
};
