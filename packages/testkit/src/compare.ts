import { frameToMatrix, type Frame, type Prediction } from '@autopipe/core';

/** Numbers of a prediction (probabilities or values) as one array, for exact comparisons. */
export function predictionNumbers(p: Prediction): Float64Array {
  return p.kind === 'classification' ? p.proba : p.values;
}

/** Plain snapshot of a frame: schema plus every cell, NaN kept as the string "NaN" so equality is exact. */
export function frameSnapshot(f: Frame): { schema: unknown; cells: unknown[][] } {
  return {
    schema: f.schema,
    cells: f.names.map((n) => Array.from(f.column(n) as ArrayLike<unknown>, (v) => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v))),
  };
}

export function numericSnapshot(f: Frame): Float64Array {
  return frameToMatrix(f).data;
}
