import { decodeState, encodeState, Frame, type FittedTransformer, type TransformerDefinition } from '@autopipe/core';

export const ctx = { seed: 1, logger: { debug() {}, info() {}, warn() {} } };

/** A frame of datetime columns from plain string arrays. */
export function datetimeFrame(cols: Record<string, readonly (string | null)[]>): Frame {
  return Frame.fromColumns(Object.entries(cols).map(([name, data]) => ({ schema: { name, type: 'datetime' as const }, data })));
}

export function numbers(f: Frame, name: string): number[] {
  return Array.from(f.numeric(name));
}

/** Round-trips a fitted transformer through its encoded state. */
export function roundTrip(def: TransformerDefinition, t: FittedTransformer): FittedTransformer {
  return def.restore(decodeState(encodeState(t.state())));
}
