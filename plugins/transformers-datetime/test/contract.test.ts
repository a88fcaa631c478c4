import { describeTransformer } from '@autopipe/testkit';
import { plugin } from '../src/index.js';

// The testkit's sample frame has a `when` datetime column (date-only and timestamp cells, nulls) and its
// unseen frame holds an unparseable cell and a date far past the training range.
for (const def of plugin.provides) describeTransformer(def);
