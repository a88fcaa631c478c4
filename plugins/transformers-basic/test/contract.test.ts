import { describeTransformer } from '@autopipe/testkit';
import { plugin } from '../src/index.js';

for (const def of plugin.provides) describeTransformer(def);
