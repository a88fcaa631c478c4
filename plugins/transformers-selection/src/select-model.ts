import { inputError, targetLength, type Target, type TransformerDefinition } from '@autopipe/core';
import { selectionOnnx } from './onnx.js';
import { restoreSelection, selection, SELECTABLE } from './selection.js';
import { pearson } from './statistics.js';

const KEY = 'select.model';

export type ModelSelectParams = {
  /** Keep this many columns, those most related to the target. */
  readonly k: number;
};

/**
 * How strongly a column tracks the target: |Pearson r| for regression; for classification the largest |r| with
 * a one-vs-rest class indicator (for two classes, the point-biserial correlation). 0 when undefined.
 */
export function targetRelevance(x: Float64Array, y: Target): number {
  let best = 0;
  if (y.kind === 'regression') {
    best = Math.abs(pearson(x, y.values));
  } else {
    const indicator = new Float64Array(y.codes.length);
    const classes = y.classes.length === 2 ? 1 : y.classes.length;
    for (let c = 0; c < classes; c++) {
      for (let i = 0; i < indicator.length; i++) indicator[i] = y.codes[i] === c ? 1 : 0;
      const r = Math.abs(pearson(x, indicator));
      if (r > best) best = r;
    }
  }
  return best === best ? best : 0;
}

/**
 * Model-free supervised selection: keeps the `k` numeric/boolean columns most correlated with the training target
 * (ties: the earlier column), a cheap stand-in for model importances that only sees linear, per-column signal.
 * Without a target in the context it keeps every column and logs a warning.
 */
export const selectModel: TransformerDefinition<ModelSelectParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Keeps the k numeric/boolean columns with the largest |correlation| with the target (one-vs-rest for classes).',
  accepts: SELECTABLE,
  defaults: { k: 20 },
  space: { k: { kind: 'int', low: 5, high: 100, log: true } },

  fit(frame, columns, params, ctx) {
    if (!Number.isInteger(params.k) || params.k < 1) {
      throw inputError('INVALID_PARAMS', `Transformer "${KEY}": k must be a positive integer, got ${params.k}.`, { transformer: KEY, param: 'k' });
    }
    const y = ctx.target;
    const scores = new Float64Array(columns.length);
    const keep = new Uint8Array(columns.length).fill(1);
    if (!y) {
      ctx.logger.warn(`${KEY}: no training target given, so every column is kept.`);
      return selection(KEY, frame, columns, keep, scores.fill(NaN));
    }
    if (targetLength(y) !== frame.nrow) {
      throw inputError('INVALID_ARGUMENT', `Transformer "${KEY}": the target has ${targetLength(y)} rows but the frame has ${frame.nrow}.`, { transformer: KEY });
    }
    columns.forEach((c, j) => { scores[j] = targetRelevance(frame.numeric(c), y); });
    const order = columns.map((_, j) => j).sort((a, b) => scores[b] - scores[a] || a - b);
    keep.fill(0);
    for (const j of order.slice(0, params.k)) keep[j] = 1;
    return selection(KEY, frame, columns, keep, scores);
  },

  restore: (state) => restoreSelection(KEY, state),
  toOnnx: selectionOnnx,
};
