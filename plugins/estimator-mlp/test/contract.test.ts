import { describeEstimator } from '@autopipe/testkit';
import { plugin } from '../src/index.js';

// Cheap but able to learn the kit's blobs: a small layer, small batches, a larger step.
const params = { hidden_layers: '16', max_epochs: 30, batch_size: 32, learning_rate: 0.01 };
for (const def of plugin.provides) describeEstimator(def, { rows: 200, params: { ...def.defaults, ...params } });
