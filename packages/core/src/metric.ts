import type { Prediction } from './prediction.js';
import type { Target } from './target.js';
import type { Task } from './task.js';

/** A metric plugin. `needs` says which part of a prediction it reads (labels, probabilities or values). */
export interface MetricDefinition {
  readonly kind: 'metric';
  readonly key: string;
  readonly description: string;
  readonly direction: 'max' | 'min';
  readonly tasks: readonly Task[];
  readonly needs: 'label' | 'proba' | 'value';
  score(y: Target, p: Prediction): number;
}

/** A loss to minimize from a metric value: searchers and leaderboards compare losses. */
export function metricLoss(metric: Pick<MetricDefinition, 'direction'>, value: number): number {
  return metric.direction === 'max' ? -value : value;
}
