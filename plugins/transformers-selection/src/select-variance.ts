import type { TransformerDefinition } from '@autopipe/core';
import { selectionOnnx } from './onnx.js';
import { restoreSelection, selection, SELECTABLE } from './selection.js';
import { variance } from './statistics.js';

const KEY = 'select.variance';

export type VarianceSelectParams = {
  /** Drop columns whose variance is at most this (0: drop exactly constant columns). */
  readonly threshold: number;
};

/**
 * Drops near-constant numeric/boolean columns: variance of the non-missing training values ≤ `threshold`, as
 * scikit-learn's VarianceThreshold. A column with no value at all at fit time has no variance and is dropped.
 */
export const selectVariance: TransformerDefinition<VarianceSelectParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Drops numeric/boolean columns whose training variance (ignoring NaN) is ≤ threshold; all-missing columns too.',
  accepts: SELECTABLE,
  defaults: { threshold: 0 },

  fit(frame, columns, params) {
    const scores = Float64Array.from(columns, (c) => variance(frame.numeric(c)));
    const keep = Uint8Array.from(scores, (v) => (v > params.threshold ? 1 : 0));
    return selection(KEY, frame, columns, keep, scores);
  },

  restore: (state) => restoreSelection(KEY, state),
  toOnnx: selectionOnnx,
};
