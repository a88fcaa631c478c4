import { describeSearcher } from '@autopipe/testkit';
import { plugin } from '../src/index.js';

for (const def of plugin.provides) describeSearcher(def);
