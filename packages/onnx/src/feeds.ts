import { AutopipeError, type Frame, type OpenedModel } from '@autopipe/core';
import { modelInputs } from './export-model.js';
import type { OnnxFeed } from './run.js';

/**
 * The feeds of an exported model for a frame of raw columns: numeric and boolean columns as double [N, 1] (missing =
 * NaN), others as string [N, 1] with missing cells as "" (ONNX string tensors have no null).
 */
export function frameFeeds(model: Pick<OpenedModel, 'schema' | 'ignored'>, frame: Frame): Record<string, OnnxFeed> {
  const feeds: Record<string, OnnxFeed> = {};
  const n = frame.nrow;
  for (const c of modelInputs(model)) {
    if (!frame.has(c.name)) throw new AutopipeError('SCHEMA_MISMATCH', `The frame has no column "${c.name}", which the exported model takes.`, { column: c.name });
    const data = frame.column(c.name);
    if (c.type === 'double') {
      if (!(data instanceof Float64Array)) throw new AutopipeError('SCHEMA_MISMATCH', `Column "${c.name}" must be numeric to feed the exported model.`, { column: c.name });
      feeds[c.name] = { data, dims: [n, 1] };
    } else {
      const strings = data instanceof Float64Array ? Array.from(data, (v) => (Number.isNaN(v) ? '' : String(v))) : data.map((v) => v ?? '');
      feeds[c.name] = { data: strings, dims: [n, 1] };
    }
  }
  return feeds;
}
