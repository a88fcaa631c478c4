import { describeEstimator } from '@autopipe/testkit';
import { plugin } from '../src/index.js';

// Cheap params keep the kit fast; the defaults are exercised by the unit tests.
for (const def of plugin.provides) describeEstimator(def, { params: { ...def.defaults, n_estimators: 20, min_samples_leaf: 5 } });
