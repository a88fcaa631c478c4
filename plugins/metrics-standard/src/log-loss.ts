import type { MetricDefinition } from '@autopipe/core';
import { probaInputs } from './inputs.js';

const EPS = 1e-15;

/** Mean negative natural log of the probability given to the true class, clipped like scikit-learn so one confident miss stays finite. */
export const logLoss: MetricDefinition = {
  kind: 'metric',
  key: 'log_loss',
  description: 'Cross-entropy: mean negative log probability of the true class (probabilities clipped to [1e-15, 1-1e-15]).',
  direction: 'min',
  tasks: ['binary', 'multiclass'],
  needs: 'proba',
  score(y, p) {
    const q = probaInputs('log_loss', y, p);
    let sum = 0;
    for (let i = 0; i < q.n; i++) {
      const v = q.proba[i * q.width + q.column[q.y.codes[i]]];
      sum -= Math.log(Math.min(1 - EPS, Math.max(EPS, v)));
    }
    return sum / q.n;
  },
};
