import { inputError, isAutopipeError, type AutopipeError, type Frame } from '@autopipe/core';
import type { LoadedModel, ModelService } from '@autopipe/runtime';
import type { BatchProgress } from './batch-progress.js';
import { idColumn, predictionColumns } from './prediction-columns.js';
import type { PredictionSink } from './prediction-sink.js';

export interface ScoreOptions {
  readonly source: string;
  readonly proba: boolean;
  readonly id?: string;
}

/**
 * Scores frames as they come and writes each batch's predictions to `sink`: every batch is conformed and
 * predicted with exactly the training preprocessing (`ModelService.predict`). Columns the model does not use
 * are warned about once, on the first batch; later batches are cut to the model's columns first. On any
 * failure the sink is aborted (no partial output) and the error rethrown, with the ingestor's messages for
 * model columns phrased as `predict` has always phrased them.
 */
export async function scoreBatches(models: ModelService, model: LoadedModel, batches: AsyncIterable<Frame>, sink: PredictionSink, progress: BatchProgress, o: ScoreOptions): Promise<number> {
  const keep = [...new Set([...model.manifest.schema.map((c) => c.name), ...(o.id ? [o.id] : [])])];
  let rows = 0;
  try {
    for await (const batch of batches) {
      const frame = rows === 0 ? batch : batch.select(keep.filter((n) => batch.has(n)));
      const p = models.predict(model, frame, o.source);
      await sink.write(predictionColumns(p, o.proba, idColumn(batch, o.id, o.source)));
      rows += batch.nrow;
      progress.add(batch.nrow);
    }
    await sink.commit();
    return rows;
  } catch (e) {
    await sink.abort().catch(() => undefined);
    throw asPredictError(e, model, o.source);
  } finally {
    progress.stop();
  }
}

/**
 * The ingestor checks the model's columns itself when it is given their types: an unknown override means a
 * column the model needs is absent, and a failed conversion a cell of the wrong type. Both are reported in the
 * words `conformFrame` uses for whole frames, so messages do not depend on how the input was read.
 */
function asPredictError(e: unknown, model: LoadedModel, source: string): unknown {
  if (!isAutopipeError(e)) return e;
  const err = e as AutopipeError;
  const details = (err.details ?? {}) as Record<string, unknown>;
  const schema = new Map(model.manifest.schema.map((c) => [c.name, c.type]));
  if (err.code === 'UNKNOWN_COLUMN' && Array.isArray(details.columns) && details.columns.every((c) => schema.has(String(c)))) {
    const missing = details.columns as string[];
    const s = missing.length > 1;
    return inputError('SCHEMA_MISMATCH', `${source}: missing column${s ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} that the model was trained on; add ${s ? 'them' : 'it'} (empty cells are allowed).`, { columns: missing });
  }
  const column = typeof details.column === 'string' ? details.column : undefined;
  const type = column === undefined ? undefined : schema.get(column);
  if (err.code === 'PARSE_ERROR' && (type === 'numeric' || type === 'boolean') && details.type === type && typeof details.value === 'string') {
    const line = typeof details.line === 'number' ? ` (line ${details.line})` : '';
    return inputError('SCHEMA_MISMATCH', `${source}: column "${column}" was ${type} in training, but data row ${String(details.row)} holds "${details.value}"${line}. Fix the value or leave the cell empty.`, { column, row: details.row, line: details.line, value: details.value });
  }
  return e;
}
