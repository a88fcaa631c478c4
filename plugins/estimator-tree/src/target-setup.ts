import type { Target } from '@autopipe/core';
import { entropyCriterion, giniCriterion, varianceCriterion, type RowTargets, type SplitCriterion } from '@autopipe/trees';

/**
 * Criterion and per-row histogram contributions for a target. Regression targets are centred on their mean so
 * the running sums stay small; the criterion adds the mean back into leaf values.
 */
export function setupTarget(y: Target, criterion: string): { crit: SplitCriterion; targets: RowTargets } {
  if (y.kind === 'classification') {
    const k = y.classes.length;
    return {
      crit: criterion === 'entropy' ? entropyCriterion(k) : giniCriterion(k),
      targets: { kind: 'class', codes: y.codes, classes: k },
    };
  }
  const v = y.values;
  let mean = 0;
  for (let i = 0; i < v.length; i++) mean += v[i];
  mean /= v.length;
  const c = new Float64Array(v.length);
  const c2 = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    c[i] = v[i] - mean;
    c2[i] = c[i] * c[i];
  }
  return { crit: varianceCriterion(mean), targets: { kind: 'sums', values: [c, c2] } };
}
