import { describeEstimator } from '@autopipe/testkit';
import { plugin } from '../src/index.js';

// Forests run the kit with 10 trees to keep it cheap; the decision tree with its defaults.
for (const def of plugin.provides) describeEstimator(def, 'n_estimators' in def.defaults ? { params: { ...def.defaults, n_estimators: 10 } } : {});
