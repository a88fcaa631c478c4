import { Type, type Column } from '@uwdata/flechette';
import type { ColumnType, NamedColumn } from '@autopipe/core';
import { columnFromBooleans, columnFromNumbers, isoFromEpochMs, ValueColumnBuilder, type CellLocator } from '@autopipe/ingest';

/** How an Arrow column's values are read, by Arrow type id. */
function kindOf(typeId: number): 'number' | 'boolean' | 'date' | 'timestamp' | 'other' {
  switch (typeId) {
    case Type.Int:
    case Type.Float:
    case Type.Decimal:
      return 'number';
    case Type.Bool:
      return 'boolean';
    case Type.Date:
      return 'date';
    case Type.Timestamp:
      return 'timestamp';
    default:
      return 'other';
  }
}

/**
 * Converts one Arrow column to a frame column. Ints, floats and decimals are numbers and booleans are 0/1 (in
 * Float64Arrays, typed directly); dates and timestamps become ISO strings (timestamps with a time zone in UTC
 * with `Z`) and, like strings (plain or dictionary-encoded), go through the shared inference, so they type the
 * same as the text of a CSV file would. Other types (lists, structs, binary) are stored as their JSON text.
 */
export function arrowColumn(name: string, column: Column<unknown>, where: CellLocator, isMissing: (t: string) => boolean, override?: ColumnType): NamedColumn {
  const type = column.type as { typeId: number; timezone?: string | null };
  const kind = kindOf(type.typeId);
  const n = column.length;
  if (kind === 'number' || kind === 'boolean') {
    const out = new Float64Array(n);
    let i = 0;
    for (const v of column) {
      out[i++] = v === null || v === undefined ? NaN : kind === 'boolean' ? (v ? 1 : 0) : Number(v as number | bigint);
    }
    return kind === 'number' ? columnFromNumbers(name, out, where, override) : columnFromBooleans(name, out, where, override);
  }
  const b = new ValueColumnBuilder(name, isMissing);
  if (kind === 'date' || kind === 'timestamp') {
    const utc = kind === 'timestamp' && !!type.timezone;
    for (const v of column) {
      if (v === null || v === undefined) b.pushMissing();
      else b.pushString(isoFromEpochMs(Number(v), kind === 'timestamp', utc));
    }
  } else {
    for (const v of column) {
      if (typeof v === 'string') b.pushString(v);
      else if (v instanceof Uint8Array) b.pushString(Buffer.from(v).toString('base64'));
      else b.push(v);
    }
  }
  return b.finish(where, override);
}
