import { makeClassification, describeEstimator, type Problem } from '@autopipe/testkit';
import { gaussianNb, multinomialNb, plugin } from '../src/index.js';

describeEstimator(gaussianNb);

/** The kit's blobs, shifted to counts: multinomial_nb needs non-negative features (counts, TF-IDF). */
function countProblem(task: string, rows: number): Problem {
  const p = makeClassification(rows, 4, task === 'binary' ? 2 : 3, 7);
  const data = Float64Array.from(p.x.data, (v) => Math.round(Math.exp(v / 2)));
  return { x: { ...p.x, data }, y: p.y };
}

describeEstimator(multinomialNb, { problem: countProblem });

// Keep the manifest and the explicit calls above in step.
if (plugin.provides.length !== 2) throw new Error('contract.test.ts: update the estimator list to match plugin.provides');
