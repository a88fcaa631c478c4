import { describeEstimator } from '@autopipe/testkit';
import { plugin } from '../src/index.js';

for (const def of plugin.provides) describeEstimator(def);
