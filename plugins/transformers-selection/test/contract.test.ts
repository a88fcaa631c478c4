import { describe } from 'vitest';
import { describeTransformer } from '@autopipe/testkit';
import { plugin, selectCorrelation, selectModel, selectVariance } from '../src/index.js';

for (const def of plugin.provides) describeTransformer(def);
// The sample frame's columns are neither constant nor correlated; with these thresholds some are dropped,
// so the checks also cover a selection that removes columns.
describe('dropping', () => {
  describeTransformer(selectVariance, { params: { threshold: 1 } });
  describeTransformer(selectCorrelation, { params: { threshold: 0.01, max_rows: 50 } });
  describeTransformer(selectModel, { params: { k: 1 } });
});
