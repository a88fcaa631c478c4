import type { Prediction } from '@autopipe/core';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { ApiError, errorBodySchema } from '../api-error.js';
import type { ServerMetrics } from '../metrics.js';
import type { ModelPool, ServedModel } from '../model-pool.js';
import { rowsToFrame } from '../rows.js';

const cell = { type: ['number', 'string', 'boolean', 'null'] } as const;
const record = { type: 'object', additionalProperties: cell, description: 'One row: raw feature columns by name (extra columns are ignored).' } as const;

const bodySchema = {
  type: 'object',
  description: 'Either `rows` (a batch) or `row` (one record). With Content-Type text/csv, send a CSV with a header line instead.',
  properties: { rows: { type: 'array', minItems: 1, items: record }, row: record },
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
} as const;

const responseSchema = {
  type: 'object',
  properties: {
    model: { type: 'object', properties: { name: { type: 'string' }, version: { type: 'integer' }, stage: { type: 'string' } }, required: ['name', 'version'] },
    predictions: { type: 'array', items: { type: ['string', 'number', 'null'] }, description: 'Class labels (classifiers) or values (regressors), one per row, in request order.' },
    classes: { type: 'array', items: { type: 'string' }, description: 'Classifiers: the order of each probabilities row.' },
    probabilities: { type: 'array', items: { type: 'array', items: { type: 'number' } }, description: 'Classifiers: class probabilities per row.' },
  },
  required: ['model', 'predictions'],
} as const;

interface PredictBody {
  readonly rows?: readonly Record<string, unknown>[];
  readonly row?: Record<string, unknown>;
}

interface PredictResponse {
  model: { name: string; version: number; stage?: string };
  predictions: (string | number | null)[];
  classes?: readonly string[];
  probabilities?: number[][];
}

function respond(m: ServedModel, p: Prediction): PredictResponse {
  const model = { name: m.name, version: m.version, ...(m.stage ? { stage: m.stage } : {}) };
  if (p.kind === 'regression') return { model, predictions: Array.from(p.values, (v) => (Number.isFinite(v) ? v : null)) };
  const k = p.classes.length;
  const n = p.labels.length;
  const predictions = new Array<string>(n);
  const probabilities = new Array<number[]>(n);
  for (let i = 0; i < n; i++) {
    predictions[i] = p.classes[p.labels[i]];
    probabilities[i] = Array.from(p.proba.subarray(i * k, i * k + k));
  }
  return { model, predictions, classes: p.classes, probabilities };
}

/** `POST /v1/models/{name}/predict`, plus the text/csv body parser it accepts. */
export function predictRoutes(app: FastifyInstance, pool: ModelPool, metrics: ServerMetrics, maxBatchRows: number): void {
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string' }, (_req, body, done) => {
    try {
      const rows = parse(body as string, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
      done(null, { rows });
    } catch (e) {
      done(new ApiError(400, 'INVALID_CSV', `The CSV body cannot be parsed: ${(e as Error).message}`), undefined);
    }
  });

  app.post<{ Params: { name: string }; Body: PredictBody }>('/v1/models/:name/predict', {
    schema: {
      summary: 'Score one row or a batch',
      description: 'JSON `{"rows": [...]}` or `{"row": {...}}`, or a CSV body (Content-Type: text/csv). Missing values: null (JSON) or an empty cell (CSV).',
      tags: ['predict'],
      params: { type: 'object', properties: { name: { type: 'string', description: 'A served model name (GET /v1/models)' } }, required: ['name'] },
      consumes: ['application/json', 'text/csv'],
      body: bodySchema,
      response: { 200: responseSchema, '4xx': errorBodySchema },
    },
  }, async (req) => {
    // Take the snapshot once: a hot reload during this request does not change the model it is scored with.
    const model = pool.get(req.params.name);
    if (!model) throw new ApiError(404, 'MODEL_NOT_FOUND', `No model named "${req.params.name}" is served here; GET /v1/models lists them.`, { name: req.params.name });
    const rows = req.body.rows ?? [req.body.row!];
    if (rows.length > maxBatchRows) {
      throw new ApiError(413, 'BATCH_TOO_LARGE', `The request has ${rows.length} rows; this server scores at most ${maxBatchRows} per request. Split the batch.`, { rows: rows.length, limit: maxBatchRows });
    }
    const t0 = performance.now();
    const p = await model.scorer.predict(rowsToFrame(rows, model.scorer.schema));
    metrics.predictLatency.observe({ model: model.name }, (performance.now() - t0) / 1000);
    metrics.batchRows.observe({ model: model.name }, rows.length);
    metrics.observePrediction(model.name, p);
    return respond(model, p);
  });
}
