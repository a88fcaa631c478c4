import { join } from 'node:path';
import { describeDeployer } from '@autopipe/testkit';
import { plugin } from '../src/index.js';
import { writeVerifiedModelDir } from './sample-model.js';

for (const def of plugin.provides) describeDeployer(def, { options: (scratch) => ({ out: join(scratch, 'deployed') }), modelDir: writeVerifiedModelDir });
