import { decodeState, encodeState, Frame, type FittedTransformer, type TransformerDefinition } from '@autopipe/core';

export const ctx = { seed: 1, logger: { debug() {}, info() {}, warn() {} } };

export function textFrame(cols: Record<string, readonly (string | null)[]>): Frame {
  return Frame.fromColumns(Object.entries(cols).map(([name, data]) => ({ schema: { name, type: 'text' as const }, data })));
}

/** The output matrix of one input column as rows of numbers, in output-column order. */
export function rowsOf(f: Frame, t: FittedTransformer, input: string): number[][] {
  const cols = t.outputs.filter((o) => o.name.startsWith(`${input}__`)).map((o) => f.numeric(o.name));
  return Array.from({ length: f.nrow }, (_, i) => cols.map((c) => c[i]));
}

export function roundTrip(def: TransformerDefinition, t: FittedTransformer): FittedTransformer {
  return def.restore(decodeState(encodeState(t.state())));
}
