import { describeEstimator } from '@autopipe/testkit';
import { plugin } from '../src/index.js';

// One line per provision: the kit runs every estimator check as its own test case.
for (const def of plugin.provides) describeEstimator(def);
