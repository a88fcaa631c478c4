import type { MetricDefinition } from '@autopipe/core';
import { valueInputs } from './inputs.js';

/** Root mean squared error, in the target's units. */
export const rmse: MetricDefinition = {
  kind: 'metric',
  key: 'rmse',
  description: 'Root mean squared error.',
  direction: 'min',
  tasks: ['regression'],
  needs: 'value',
  score(y, p) {
    const v = valueInputs('rmse', y, p);
    let s = 0;
    for (let i = 0; i < v.y.length; i++) s += (v.y[i] - v.p[i]) ** 2;
    return Math.sqrt(s / v.y.length);
  },
};

/** Mean absolute error, in the target's units. */
export const mae: MetricDefinition = {
  kind: 'metric',
  key: 'mae',
  description: 'Mean absolute error.',
  direction: 'min',
  tasks: ['regression'],
  needs: 'value',
  score(y, p) {
    const v = valueInputs('mae', y, p);
    let s = 0;
    for (let i = 0; i < v.y.length; i++) s += Math.abs(v.y[i] - v.p[i]);
    return s / v.y.length;
  },
};

/** Coefficient of determination; for a constant target 1 if the predictions are perfect, else 0 (scikit-learn `force_finite`). */
export const r2: MetricDefinition = {
  kind: 'metric',
  key: 'r2',
  description: 'Coefficient of determination R² (1 is perfect, 0 is as good as predicting the mean).',
  direction: 'max',
  tasks: ['regression'],
  needs: 'value',
  score(y, p) {
    const v = valueInputs('r2', y, p);
    const n = v.y.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += v.y[i];
    mean /= n;
    let res = 0;
    let tot = 0;
    for (let i = 0; i < n; i++) {
      res += (v.y[i] - v.p[i]) ** 2;
      tot += (v.y[i] - mean) ** 2;
    }
    if (tot === 0) return res === 0 ? 1 : 0;
    return 1 - res / tot;
  },
};
