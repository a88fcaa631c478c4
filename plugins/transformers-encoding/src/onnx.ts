import type { OnnxColumn, OnnxGraph, TransformerOnnx } from '@autopipe/core';
import { targetColumnNames } from './target-names.js';

/**
 * ONNX exports of the encoders. At predict time each is a lookup: the category string → its row in a table of
 * L training levels plus a "missing" row and an "unseen" row, through ai.onnx.ml LabelEncoder (string → int64)
 * and Gather. Missing cells arrive as "" (ONNX strings have no null), so "" reads as missing.
 */

type Fields = { inputs: string[]; levels: string[][] };

function column(inputs: ReadonlyMap<string, OnnxColumn>, name: string, owner: string): string {
  const c = inputs.get(name);
  if (!c) throw new Error(`ONNX export of transformer "${owner}": input column "${name}" was not given.`);
  return c.tensor;
}

/**
 * `table` is (L + 2) × k row-major: rows 0..L−1 for the levels, L for missing, L + 1 for unseen. Returns k double
 * columns [N, 1].
 */
function lookup(g: OnnxGraph, x: string, levels: readonly string[], table: Float64Array, k: number, hint: string): string[] {
  const l = levels.length;
  // A literal "" level would collide with the missing marker; it cannot come from the ingestors (empty cells are null).
  const keys = [...levels.filter((v) => v !== ''), ''];
  const codes = [...levels.map((_, c) => c).filter((c) => levels[c] !== ''), l];
  const [code] = g.node('LabelEncoder', [x], { keys_strings: { strings: keys }, values_int64s: { ints: codes }, default_int64: { int: l + 1 } }, { domain: 'ai.onnx.ml', hint: `${hint}_code` });
  const tableT = g.constant({ type: 'double', dims: [l + 2, k], values: table }, `${hint}_table`);
  const [rows] = g.node('Gather', [tableT, code], { axis: { int: 0 } }, { hint: `${hint}_rows` }); // [N, 1, k]
  const [flat] = g.node('Squeeze', [rows, g.constant({ type: 'int64', dims: [1], values: [1] }, 'axes')], {}, { hint: `${hint}_values` }); // [N, k]
  if (k === 1) return [flat];
  return g.node('Split', [flat, g.constant({ type: 'int64', dims: [k], values: new Array(k).fill(1) }, `${hint}_sizes`)], { axis: { int: 1 } }, { outputs: k, hint });
}

function single(g: OnnxGraph, inputs: ReadonlyMap<string, OnnxColumn>, s: Fields, owner: string, table: (j: number) => Float64Array, hint: string): Map<string, OnnxColumn> {
  const out = new Map<string, OnnxColumn>();
  s.inputs.forEach((name, j) => out.set(name, { tensor: lookup(g, column(inputs, name, owner), s.levels[j], table(j), 1, hint)[0], type: 'double' }));
  return out;
}

/** encode.ordinal: the level's code; missing and unseen → NaN. */
export const encodeOrdinalOnnx: TransformerOnnx = (state, g, inputs) => {
  const s = state as unknown as Fields;
  return single(g, inputs, s, 'encode.ordinal', (j) => Float64Array.from([...s.levels[j].map((_, c) => c), NaN, NaN]), 'ordinal');
};

/** encode.frequency: the level's share (count); missing → the missing cells' share; unseen → 0. */
export const encodeFrequencyOnnx: TransformerOnnx = (state, g, inputs) => {
  const s = state as unknown as Fields & { values: Float64Array[]; missing: Float64Array };
  return single(g, inputs, s, 'encode.frequency', (j) => Float64Array.from([...s.values[j], s.missing[j], 0]), 'frequency');
};

/** encode.target: the level's full-data encoding (one column per class for multiclass); missing and unseen → prior. */
export const encodeTargetOnnx: TransformerOnnx = (state, g, inputs) => {
  const s = state as unknown as Fields & { kind: 'binary' | 'multiclass' | 'regression'; labels: string[]; tables: Float64Array[]; priors: Float64Array };
  const k = s.kind === 'multiclass' ? s.labels.length : 1;
  const out = new Map<string, OnnxColumn>();
  s.inputs.forEach((name, j) => {
    const prior = s.priors.subarray(j * k, (j + 1) * k);
    const table = new Float64Array((s.levels[j].length + 2) * k);
    table.set(s.tables[j]);
    table.set(prior, s.levels[j].length * k);
    table.set(prior, (s.levels[j].length + 1) * k);
    const cols = lookup(g, column(inputs, name, 'encode.target'), s.levels[j], table, k, 'target');
    targetColumnNames(name, s.kind, s.labels).forEach((n, o) => out.set(n, { tensor: cols[o], type: 'double' }));
  });
  return out;
};
