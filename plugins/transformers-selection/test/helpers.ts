import { decodeState, encodeState, Frame, type ColumnType, type FittedTransformer, type TransformerDefinition } from '@autopipe/core';

export const ctx = { seed: 1, logger: { debug() {}, info() {}, warn() {} } };

/** A frame from plain arrays (null → NaN); a column is numeric unless its type is given. */
export function frameOf(cols: Record<string, readonly (number | null)[]>, types: Record<string, ColumnType> = {}): Frame {
  return Frame.fromColumns(Object.entries(cols).map(([name, values]) => ({
    schema: { name, type: types[name] ?? 'numeric' },
    data: Float64Array.from(values, (v) => (v === null ? NaN : v)),
  })));
}

export function roundTrip(def: TransformerDefinition, t: FittedTransformer): FittedTransformer {
  return def.restore(decodeState(encodeState(t.state())));
}

export const dropped = (t: FittedTransformer): string[] => [...(t.state() as { dropped: string[] }).dropped];
export const scores = (t: FittedTransformer): number[] => Array.from((t.state() as { scores: Float64Array }).scores);
