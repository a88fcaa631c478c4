import type { LabelPair } from './inputs.js';

/** Per-class true positives, true counts (support) and predicted counts: the diagonal and margins of a confusion matrix. */
export interface ClassCounts {
  readonly tp: Float64Array;
  readonly actual: Float64Array;
  readonly predicted: Float64Array;
}

export function classCounts(l: LabelPair): ClassCounts {
  const k = l.classes.length;
  const tp = new Float64Array(k);
  const actual = new Float64Array(k);
  const predicted = new Float64Array(k);
  for (let i = 0; i < l.n; i++) {
    const t = l.truth[i];
    const q = l.pred[i];
    actual[t]++;
    predicted[q]++;
    if (t === q) tp[t]++;
  }
  return { tp, actual, predicted };
}
