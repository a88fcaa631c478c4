import { inputError, isExpired, type TransformerDefinition } from '@autopipe/core';
import { selectionOnnx } from './onnx.js';
import { restoreSelection, selection, SELECTABLE } from './selection.js';
import { pearson, sampleRows } from './statistics.js';

const KEY = 'select.correlation';

export type CorrelationSelectParams = {
  /** Drop a column whose |Pearson r| with an earlier kept column is at least this. */
  readonly threshold: number;
  /** Estimate correlations on at most this many training rows (a seeded sample), so fit stays O(p² · max_rows). */
  readonly max_rows: number;
};

/**
 * Drops near-duplicate numeric/boolean columns. Columns are visited in the order given; each is compared with
 * the columns kept so far and dropped when |r| ≥ `threshold` with one of them, so of a correlated pair the
 * earlier column stays (and a column only correlated with an already dropped one stays too). Correlations use
 * the rows where both values are present; a constant or all-missing column correlates with nothing.
 */
export const selectCorrelation: TransformerDefinition<CorrelationSelectParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Drops numeric/boolean columns with |Pearson r| ≥ threshold against an earlier kept column (keeps the earlier one).',
  accepts: SELECTABLE,
  defaults: { threshold: 0.98, max_rows: 100_000 },
  space: { threshold: { kind: 'float', low: 0.9, high: 0.999 } },

  fit(frame, columns, params, ctx) {
    if (!(params.threshold > 0 && params.threshold <= 1)) {
      throw inputError('INVALID_PARAMS', `Transformer "${KEY}": threshold must be in (0, 1], got ${params.threshold}.`, { transformer: KEY, param: 'threshold' });
    }
    const rows = sampleRows(frame.nrow, Math.max(2, Math.floor(params.max_rows)), ctx.seed);
    const data = columns.map((c) => frame.numeric(c));
    const keep = new Uint8Array(columns.length);
    const scores = new Float64Array(columns.length);
    const kept: number[] = [];
    for (let j = 0; j < columns.length; j++) {
      let strongest = 0;
      // Past the deadline, keep the remaining columns unexamined: dropping less is always safe.
      if (!isExpired(ctx)) {
        for (const k of kept) {
          const r = Math.abs(pearson(data[k], data[j], rows));
          if (r > strongest) strongest = r;
          if (r >= params.threshold) break;
        }
      }
      scores[j] = strongest;
      if (strongest < params.threshold) {
        keep[j] = 1;
        kept.push(j);
      }
    }
    return selection(KEY, frame, columns, keep, scores);
  },

  restore: (state) => restoreSelection(KEY, state),
  toOnnx: selectionOnnx,
};
