import type { MetricDefinition } from '@autopipe/core';
import { labelPair } from './inputs.js';

/** Share of rows whose predicted label equals the true label. */
export const accuracy: MetricDefinition = {
  kind: 'metric',
  key: 'accuracy',
  description: 'Share of rows whose predicted label is the true label.',
  direction: 'max',
  tasks: ['binary', 'multiclass'],
  needs: 'label',
  score(y, p) {
    const l = labelPair('accuracy', y, p);
    let hit = 0;
    for (let i = 0; i < l.n; i++) if (l.truth[i] === l.pred[i]) hit++;
    return hit / l.n;
  },
};
