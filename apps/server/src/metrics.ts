import type { Prediction } from '@autopipe/core';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ServedModel } from './model-pool.js';

/** Sub-millisecond buckets: single-row scoring is expected well under 1 ms, so coarse buckets would hide it. */
const LATENCY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The server's Prometheus metrics, in a registry of its own (two servers in one process do not share counters). */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({ name: 'autopipe_http_requests_total', help: 'HTTP requests by route, method and status code', labelNames: ['route', 'method', 'status'] as const, registers: [this.registry] });
  readonly latency = new Histogram({ name: 'autopipe_http_request_duration_seconds', help: 'Time from request received to response sent, by route', labelNames: ['route'] as const, buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly predictLatency = new Histogram({ name: 'autopipe_predict_duration_seconds', help: 'Time to convert request rows and score them, by model', labelNames: ['model'] as const, buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly batchRows = new Histogram({ name: 'autopipe_predict_rows', help: 'Rows per predict request', labelNames: ['model'] as const, buckets: [1, 2, 5, 10, 50, 100, 500, 1000, 5000, 10000], registers: [this.registry] });
  readonly classes = new Counter({ name: 'autopipe_predictions_total', help: 'Predicted labels by model and class (classifiers)', labelNames: ['model', 'class'] as const, registers: [this.registry] });
  readonly values = new Histogram({ name: 'autopipe_prediction_value', help: 'Predicted values by model (regressors)', labelNames: ['model'] as const, buckets: [-1e6, -1e4, -100, -10, -1, 0, 1, 10, 100, 1e4, 1e6], registers: [this.registry] });
  readonly modelInfo = new Gauge({ name: 'autopipe_model_info', help: 'The model version being served (1 per served model)', labelNames: ['model', 'version', 'stage', 'task'] as const, registers: [this.registry] });
  readonly reloads = new Counter({ name: 'autopipe_model_reloads_total', help: 'Hot reloads of a new model version', labelNames: ['model'] as const, registers: [this.registry] });

  constructor(defaults = true) {
    if (defaults) collectDefaultMetrics({ register: this.registry });
  }

  /** Counts a prediction's labels per class (or observes its values), one counter call per class, not per row. */
  observePrediction(model: string, p: Prediction): void {
    if (p.kind === 'regression') {
      for (let i = 0; i < p.values.length; i++) this.values.observe({ model }, p.values[i]);
      return;
    }
    const counts = new Float64Array(p.classes.length);
    for (let i = 0; i < p.labels.length; i++) counts[p.labels[i]]++;
    for (let c = 0; c < counts.length; c++) if (counts[c]) this.classes.inc({ model, class: p.classes[c] }, counts[c]);
  }

  /** Moves the model-info gauge from the old version to the new one. */
  swapped(old: ServedModel | undefined, next: ServedModel): void {
    if (old) {
      this.modelInfo.remove({ model: old.name, version: String(old.version), stage: old.stage ?? '', task: old.scorer.task });
      this.reloads.inc({ model: next.name });
    }
    this.modelInfo.set({ model: next.name, version: String(next.version), stage: next.stage ?? '', task: next.scorer.task }, 1);
  }
}
