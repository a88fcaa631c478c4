import { join } from 'node:path';
import { describeDeployer } from '@autopipe/testkit';
import { plugin } from '../src/index.js';
import { openFake } from './fake-model.js';

for (const def of plugin.provides) describeDeployer(def, { options: (scratch) => ({ out: join(scratch, 'model.onnx') }), context: { open: (dir) => openFake(dir) } });
