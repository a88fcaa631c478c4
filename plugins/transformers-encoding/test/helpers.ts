import { decodeState, encodeState, Frame, type ColumnType, type FittedTransformer, type TransformerDefinition } from '@autopipe/core';

export const ctx = { seed: 1, logger: { debug() {}, info() {}, warn() {} } };

/** A frame from plain arrays: numbers become Float64Array (null → NaN), strings stay as they are. */
export function frameOf(cols: Record<string, { type: ColumnType; values: readonly (number | string | null)[] }>): Frame {
  return Frame.fromColumns(Object.entries(cols).map(([name, { type, values }]) => ({
    schema: { name, type },
    data: type === 'numeric' || type === 'boolean' ? Float64Array.from(values, (v) => (v === null ? NaN : (v as number))) : (values as (string | null)[]),
  })));
}

export function numbers(f: Frame, name: string): number[] {
  return Array.from(f.numeric(name));
}

/** Round-trips a fitted transformer through its encoded state. */
export function roundTrip(def: TransformerDefinition, t: FittedTransformer): FittedTransformer {
  return def.restore(decodeState(encodeState(t.state())));
}
