import { Frame, isNumericType, type NamedColumn, type OpenedModel, type StateValue } from '@autopipe/core';
import { modelInputs } from './export-model.js';
import { frameFeeds } from './feeds.js';
import { maxAbsDiff } from './parity.js';
import { runOnnx } from './run.js';

/** Numeric cells of the synthetic rows: zero, small and large values, and a missing cell. Non-negative, so count models (multinomial NB) accept them. */
const NUMBERS = [0, 1, 2.5, NaN, 0.25, 7, 40, 1e3];

/** Strings a fitted step knows for a column (levels, fills), found in its state, to exercise known categories too. */
function knownStrings(model: OpenedModel, column: string): string[] {
  const found = new Set<string>();
  const walk = (v: StateValue, depth: number): void => {
    if (found.size >= 4 || depth > 4 || v === null) return;
    if (typeof v === 'string') {
      if (v !== column && v !== '') found.add(v);
    } else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (typeof v === 'object' && !ArrayBuffer.isView(v)) for (const x of Object.values(v)) walk(x as StateValue, depth + 1);
  };
  for (const m of model.members) for (const s of m.pipeline.steps) if (s.fitted.inputs.includes(column)) walk(s.state, 0);
  return [...found];
}

/**
 * A few rows of raw columns for checking an export: numeric cells from a fixed list (with a missing one), category
 * cells cycling through strings the model's steps know, a missing cell and a category never seen in training.
 */
export function syntheticFrame(model: OpenedModel, rows = 8): Frame {
  const byName = new Map(model.schema.map((c) => [c.name, c]));
  const cols: NamedColumn[] = modelInputs(model).map(({ name }, j) => {
    const schema = byName.get(name)!;
    if (isNumericType(schema.type)) {
      const values = schema.type === 'boolean' ? [0, 1, NaN] : NUMBERS;
      return { schema, data: Float64Array.from({ length: rows }, (_, i) => values[(i + j) % values.length]) };
    }
    const values: (string | null)[] = [...knownStrings(model, name), null, '__autopipe_unseen__'];
    return { schema, data: Array.from({ length: rows }, (_, i) => values[(i + j) % values.length]) };
  });
  return Frame.fromColumns(cols);
}

export interface ExportCheck {
  readonly rows: number;
  /** Largest |ONNX − autopipe| over probabilities or values. */
  readonly maxAbsDiff: number;
  /** Largest difference relative to max(1, |autopipe value|) (regression). */
  readonly maxRelDiff: number;
  /** Rows whose ONNX label differs from autopipe's (classification). */
  readonly labelMismatches: number;
}

/** Runs exported bytes in onnxruntime on `frame` and compares with `model.predict(frame)`. */
export async function checkExport(model: OpenedModel, bytes: Uint8Array, frame: Frame): Promise<ExportCheck> {
  const out = await runOnnx(bytes, frameFeeds(model, frame));
  const want = model.predict(frame);
  if (want.kind === 'regression') {
    const got = out.values.data as Float64Array;
    let rel = 0;
    for (let i = 0; i < got.length; i++) rel = Math.max(rel, Math.abs(got[i] - want.values[i]) / Math.max(1, Math.abs(want.values[i])));
    return { rows: frame.nrow, maxAbsDiff: maxAbsDiff(got, want.values), maxRelDiff: Number.isNaN(rel) ? Infinity : rel, labelMismatches: 0 };
  }
  const labels = out.label.data as string[];
  let mismatches = 0;
  for (let i = 0; i < want.labels.length; i++) if (labels[i] !== want.classes[want.labels[i]]) mismatches++;
  const d = maxAbsDiff(out.probabilities.data as Float64Array, want.proba);
  return { rows: frame.nrow, maxAbsDiff: d, maxRelDiff: d, labelMismatches: mismatches };
}
