import { describe, expect, it } from 'vitest';
import { takeRows } from '@autopipe/core';
import { classes, fit, matrix, regression } from './helpers.js';
import { sklearnBinaryP1, sklearnRegression, x0, x1, x2, y } from './sklearn-fixture.js';

// The fixture comes from scikit-learn 1.2.1 (/usr/bin/python3, once):
//   rng = np.random.RandomState(0); n = 120
//   X = column_stack([rng.randint(0, 30, n) / 10, rng.randint(0, 12, n) * 1.0, rng.randint(0, 50, n) / 7])
//   y = round(sin(X0) * 3 + X1 * 0.5 - (X2 > 3) * 2 + rng.normal(0, 0.3, n), 3); yc = y > median(y)
//   HistGradientBoosting{Regressor,Classifier}(max_iter=5, learning_rate=0.1, max_leaf_nodes=4, min_samples_leaf=5,
//     early_stopping=False).fit(X, y or yc); predictions for the first 6 rows.
// With fewer distinct values than bins both libraries cut at the same midpoints and use the same gain, leaf values
// and start values, so the trees are the same and predictions agree to ~1e-9 (scikit-learn keeps gradients in
// float32, autopipe in float64).
describe('gbm agrees with scikit-learn HistGradientBoosting on a small fixed problem', () => {
  const x = matrix([Float64Array.from(x0), Float64Array.from(x1), Float64Array.from(x2)]);
  const first6 = takeRows(x, [0, 1, 2, 3, 4, 5]);
  const params = { n_estimators: 5, learning_rate: 0.1, max_leaves: 4, min_samples_leaf: 5, early_stopping: 'false' };

  it('regression (squared loss)', async () => {
    const m = await fit(x, regression(Float64Array.from(y)), params);
    const p = m.predict(first6);
    if (p.kind !== 'regression') throw new Error('expected regression');
    p.values.forEach((v, i) => expect(v).toBeCloseTo(sklearnRegression[i], 7));
  });

  it('binary classification (log loss)', async () => {
    const median = [...y].sort((a, b) => a - b);
    const mid = (median[59] + median[60]) / 2;
    const m = await fit(x, classes(y.map((v) => (v > mid ? 1 : 0)), 2), params);
    const p = m.predict(first6);
    if (p.kind !== 'classification') throw new Error('expected classification');
    for (let i = 0; i < 6; i++) expect(p.proba[i * 2 + 1]).toBeCloseTo(sklearnBinaryP1[i], 7);
  });
});
