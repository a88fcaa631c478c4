import { describe } from 'vitest';
import { describeTransformer } from '@autopipe/testkit';
import { plugin } from '../src/index.js';

for (const def of plugin.provides) describeTransformer(def);
// Feature hashing (no vocabulary, signed buckets) and character n-grams are other code paths; run the contract on them too.
describe('hashing', () => describeTransformer(plugin.provides[0], { params: { ...plugin.provides[0].defaults, hashing: true, n_features: 64 } }));
describe('char_wb', () => describeTransformer(plugin.provides[0], { params: { ...plugin.provides[0].defaults, analyzer: 'char_wb', ngram_min: 2, ngram_max: 4 } }));
