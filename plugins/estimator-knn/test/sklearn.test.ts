import { describe, expect, it } from 'vitest';
import { classes, fitKnn, matrix, values } from './helpers.js';

// Reference numbers from scikit-learn 1.2.1 (/usr/bin/python3); no distance ties among the first 7 neighbours:
//   import numpy as np
//   from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
//   X = np.array(TRAIN); y = np.array(CODES); t = np.array(TARGETS); Q = np.array(QUERIES)
//   for k, w, p in [(3, 'uniform', 2), (4, 'distance', 1), (5, 'distance', 2)]:
//       c = KNeighborsClassifier(n_neighbors=k, weights=w, p=p, n_jobs=1).fit(X, y)
//       print(c.predict(Q).tolist(), c.predict_proba(Q).ravel().tolist())
//       print(KNeighborsRegressor(n_neighbors=k, weights=w, p=p).fit(X, t).predict(Q).tolist())
const TRAIN = [[0.1, 1.2], [0.9, 0.3], [1.7, 1.9], [2.4, 0.2], [0.5, 2.8], [3.1, 2.2], [1.2, 3.5], [2.8, 3.3], [3.6, 0.7], [0.2, 0.4],
  [1.9, 1.1], [2.2, 2.6], [3.3, 1.45], [0.8, 1.7], [1.4, 0.9], [2.9, 3.9]];
const CODES = [0, 0, 1, 2, 0, 2, 1, 1, 2, 0, 1, 1, 2, 0, 2, 1];
const TARGETS = [1.0, 2.0, 3.5, 4.0, 1.5, 5.0, 3.0, 4.5, 6.0, 0.5, 2.5, 3.7, 5.5, 1.2, 2.8, 4.1];
const QUERIES = [[1.031, 0.967], [2.513, 2.041], [0.337, 3.062], [3.471, 3.523], [1.629, 0.491], [2.073, 1.458]];

const CASES = [
  {
    params: { n_neighbors: 3, weights: 'uniform', p: 2 },
    labels: [0, 1, 0, 1, 0, 1],
    proba: [0.6666666666666666, 0.0, 0.3333333333333333, 0.0, 0.6666666666666666, 0.3333333333333333, 0.6666666666666666, 0.3333333333333333, 0.0,
      0.0, 0.6666666666666666, 0.3333333333333333, 0.3333333333333333, 0.3333333333333333, 0.3333333333333333, 0.0, 0.6666666666666666, 0.3333333333333333],
    regression: [2.0, 4.066666666666666, 1.9000000000000001, 4.533333333333333, 2.433333333333333, 2.9333333333333336],
  },
  {
    params: { n_neighbors: 4, weights: 'distance', p: 1 },
    labels: [2, 1, 0, 1, 2, 1],
    proba: [0.4103283656939919, 0.17878778341962406, 0.41088385088638396, 0.0, 0.5151172998775371, 0.48488270012246304, 0.8146044301306414,
      0.18539556986935857, 0.0, 0.0, 0.8166443026597283, 0.1833556973402717, 0.22968700740022582, 0.2401273259184179, 0.5301856666813564, 0.0,
      0.6572353395875339, 0.34276466041246606],
    regression: [2.2694326247123104, 4.36630025859787, 1.6809882547221633, 4.347365086439008, 2.7829828706638504, 3.324091916462815],
  },
  {
    params: { n_neighbors: 5, weights: 'distance', p: 2 },
    labels: [0, 1, 0, 1, 2, 1],
    proba: [0.5006801484558099, 0.14931328610199993, 0.3500065654421902, 0.0, 0.5792945047601425, 0.4207054952398574, 0.7373725017746224,
      0.2626274982253775, 0.0, 0.0, 0.7440025800868745, 0.25599741991312547, 0.1927926319891346, 0.3209493469337334, 0.486258021077132, 0.0,
      0.7230630051115366, 0.2769369948884633],
    regression: [2.081249784036651, 4.11995283440766, 1.8616385633612598, 4.44720385310584, 2.8640300579651194, 3.2862758185078973],
  },
];

describe('knn matches scikit-learn KNeighbors* on a fixed 2-D dataset', () => {
  const x = matrix(TRAIN);
  const q = matrix(QUERIES);
  for (const c of CASES) {
    for (const algorithm of ['kd_tree', 'brute']) {
      const params = { ...c.params, algorithm, leaf_size: 2 };
      it(`classifier ${JSON.stringify(params)}`, async () => {
        const pred = (await fitKnn(x, classes(CODES, ['0', '1', '2']), params)).predict(q);
        if (pred.kind !== 'classification') throw new Error('expected classes');
        expect(Array.from(pred.labels)).toEqual(c.labels);
        pred.proba.forEach((v, i) => expect(v).toBeCloseTo(c.proba[i], 12));
      });
      it(`regressor ${JSON.stringify(params)}`, async () => {
        const pred = (await fitKnn(x, values(TARGETS), params)).predict(q);
        if (pred.kind !== 'regression') throw new Error('expected values');
        pred.values.forEach((v, i) => expect(v).toBeCloseTo(c.regression[i], 12));
      });
    }
  }
});
