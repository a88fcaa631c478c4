import type { OnnxColumn, OnnxGraph } from '@autopipe/core';

/** TensorProto.DataType code of double, for Cast. */
export const DOUBLE = 11;

export function scalar(g: OnnxGraph, v: number, hint: string): string {
  return g.constant({ type: 'double', dims: [], values: [v] }, hint);
}

export function double(tensor: string): OnnxColumn {
  return { tensor, type: 'double' };
}

/** The input column `name`, failing with a message naming the transformer when the exporter did not pass it. */
export function column(inputs: ReadonlyMap<string, OnnxColumn>, name: string, owner: string): string {
  const c = inputs.get(name);
  if (!c) throw new Error(`ONNX export of transformer "${owner}": input column "${name}" was not given.`);
  return c.tensor;
}

/** Elementwise ops per column, each mapping its [N, 1] double tensor to a new one under the same name. */
export function mapColumns(g: OnnxGraph, inputs: ReadonlyMap<string, OnnxColumn>, names: readonly string[], owner: string, f: (x: string, j: number) => string): Map<string, OnnxColumn> {
  const out = new Map<string, OnnxColumn>();
  names.forEach((name, j) => out.set(name, double(f(column(inputs, name, owner), j))));
  return out;
}

/** (x − center) / scale, with NaN staying NaN. */
export function affine(g: OnnxGraph, x: string, center: number, scale: number, hint: string): string {
  const [d] = g.node('Sub', [x, scalar(g, center, `${hint}_center`)], {}, { hint: `${hint}_centered` });
  return g.node('Div', [d, scalar(g, scale, `${hint}_scale`)], {}, { hint })[0];
}

/**
 * Category strings → int64 codes through ai.onnx.ml LabelEncoder (`keys[i]` → `codes[i]`, anything else →
 * `otherwise`). An [N, 1] string tensor gives an [N, 1] int64 tensor.
 */
export function encodeStrings(g: OnnxGraph, x: string, keys: readonly string[], codes: readonly number[], otherwise: number, hint: string): string {
  if (keys.length === 0) {
    // LabelEncoder needs at least one key; a key no real cell can hold keeps the node valid.
    return encodeStrings(g, x, ['\u0000autopipe-no-key'], [otherwise], otherwise, hint);
  }
  return g.node('LabelEncoder', [x], { keys_strings: { strings: keys }, values_int64s: { ints: codes }, default_int64: { int: otherwise } }, { domain: 'ai.onnx.ml', hint })[0];
}

/** Indicator columns [N, 1] double (0/1) for codes 0..count−1 of an int64 [N, 1] code tensor. */
export function oneHot(g: OnnxGraph, code: string, count: number, hint: string): string[] {
  const range = g.constant({ type: 'int64', dims: [count], values: Array.from({ length: count }, (_, k) => k) }, `${hint}_range`);
  const [eq] = g.node('Equal', [code, range], {}, { hint: `${hint}_eq` });
  const [flags] = g.node('Cast', [eq], { to: { int: DOUBLE } }, { hint: `${hint}_flags` });
  if (count === 1) return [flags];
  const sizes = g.constant({ type: 'int64', dims: [count], values: new Array(count).fill(1) }, `${hint}_sizes`);
  return g.node('Split', [flags, sizes], { axis: { int: 1 } }, { outputs: count, hint });
}
