import { describeDeployer } from '@autopipe/testkit';
import { plugin } from '../src/index.js';

for (const def of plugin.provides) describeDeployer(def, { options: (scratch) => ({ to: scratch }) });
