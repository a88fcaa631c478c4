import { inputError, type MetricDefinition } from '@autopipe/core';
import { probaInputs } from './inputs.js';

/**
 * Area under the ROC curve of `score` for rows where `positive[i]` is 1, via the Mann–Whitney U statistic:
 * sort once, give tied scores their average rank, and AUC = (rank sum of positives − P(P+1)/2) / (P·N).
 * Tied positive/negative pairs count one half, exactly as the trapezoidal ROC area does. O(n log n).
 */
export function rankAuc(score: Float64Array, positive: Uint8Array): number {
  const n = score.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => score[a] - score[b]);
  let rankSum = 0;
  let pos = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && score[order[end]] === score[order[start]]) end++;
    // Ranks are 1-based: the tie block [start, end) shares the mean of ranks start+1 .. end.
    const rank = (start + 1 + end) / 2;
    for (let r = start; r < end; r++) {
      if (positive[order[r]]) {
        rankSum += rank;
        pos++;
      }
    }
    start = end;
  }
  const neg = n - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * Binary: AUC of the probability of the positive class (the second sorted label). Multiclass: unweighted
 * mean of one-vs-rest AUCs over the classes present in y (scikit-learn `multi_class='ovr', average='macro'`).
 */
export const auc: MetricDefinition = {
  kind: 'metric',
  key: 'auc',
  description: 'Area under the ROC curve; one-vs-rest macro average for multiclass targets.',
  direction: 'max',
  tasks: ['binary', 'multiclass'],
  needs: 'proba',
  score(y, p) {
    const q = probaInputs('auc', y, p);
    let present = 0;
    for (let c = 0; c < q.support.length; c++) if (q.support[c] > 0) present++;
    if (present < 2) {
      throw inputError('INVALID_ARGUMENT', `Metric "auc": the target has only one class (${q.y.classes[q.y.codes[0]]}), so AUC is undefined; score on rows that contain at least two classes, or use another metric.`, { metric: 'auc' });
    }
    const score = new Float64Array(q.n);
    const positive = new Uint8Array(q.n);
    const one = (c: number): number => {
      const j = q.column[c];
      for (let i = 0; i < q.n; i++) {
        score[i] = q.proba[i * q.width + j];
        positive[i] = q.y.codes[i] === c ? 1 : 0;
      }
      return rankAuc(score, positive);
    };
    // Two classes: the positive class alone decides; averaging both directions would give the same number anyway.
    if (q.y.classes.length === 2) return one(1);
    let sum = 0;
    for (let c = 0; c < q.support.length; c++) if (q.support[c] > 0) sum += one(c);
    return sum / present;
  },
};
