import type { SchemaElement } from 'hyparquet';
import type { ColumnType, NamedColumn } from '@autopipe/core';
import { columnFromBooleans, columnFromNumbers, columnFromStrings, isoFromEpochMs, type CellLocator } from '@autopipe/ingest';

type Kind = 'number' | 'boolean' | 'date' | 'timestamp' | 'string' | 'other';

/** How a top-level Parquet column's values are read, from its schema element (physical + logical type). */
export function kindOf(el: SchemaElement, leaf: boolean): Kind {
  if (!leaf) return 'other';
  const logical = el.logical_type?.type;
  const converted = el.converted_type;
  if (logical === 'DATE' || converted === 'DATE') return 'date';
  if (logical === 'TIMESTAMP' || converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS' || el.type === 'INT96') return 'timestamp';
  if (logical === 'STRING' || logical === 'ENUM' || converted === 'UTF8' || converted === 'ENUM') return 'string';
  if (el.type === 'BOOLEAN') return 'boolean';
  if (el.type === 'INT32' || el.type === 'INT64' || el.type === 'FLOAT' || el.type === 'DOUBLE' || logical === 'DECIMAL' || converted === 'DECIMAL') return 'number';
  if (el.type === 'BYTE_ARRAY') return 'string';
  return 'other';
}

// JSON.stringify throws on BigInt; nested values may hold int64s.
const jsonReplacer = (_: string, v: unknown) => (typeof v === 'bigint' ? Number(v) : v);

/**
 * One column being filled from hyparquet's column chunks, which arrive per row group in any order: numbers and
 * booleans go into a preallocated Float64Array at their row, everything else into a string slot. Dates become
 * ISO dates, timestamps ISO date-times (`Z` only when the file marks them adjusted to UTC), nested values their
 * JSON text; strings then go through the shared inference like CSV text.
 */
export class ParquetColumn {
  private readonly typed: Float64Array | null;
  private readonly strings: (string | null)[] | null;

  constructor(
    readonly name: string,
    private readonly kind: Kind,
    private readonly utc: boolean,
    rows: number,
  ) {
    const typed = kind === 'number' || kind === 'boolean';
    this.typed = typed ? new Float64Array(rows).fill(NaN) : null;
    this.strings = typed ? null : new Array<string | null>(rows).fill(null);
  }

  fill(data: ArrayLike<unknown>, rowStart: number, isMissing: (t: string) => boolean): void {
    const { typed, strings, kind } = this;
    for (let k = 0; k < data.length; k++) {
      const v = data[k];
      if (v === null || v === undefined) continue;
      if (typed) typed[rowStart + k] = kind === 'boolean' ? (v ? 1 : 0) : Number(v);
      else strings![rowStart + k] = this.text(v, isMissing);
    }
  }

  private text(v: unknown, isMissing: (t: string) => boolean): string | null {
    if (this.kind === 'date' || this.kind === 'timestamp') {
      const ms = v instanceof Date ? v.getTime() : Number(v);
      return isoFromEpochMs(ms, this.kind === 'timestamp', this.utc);
    }
    const s = (typeof v === 'string' ? v : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : typeof v === 'object' ? JSON.stringify(v, jsonReplacer) : String(v)).trim();
    return isMissing(s) ? null : s;
  }

  finish(where: CellLocator, override?: ColumnType): NamedColumn {
    if (this.kind === 'number') return columnFromNumbers(this.name, this.typed!, where, override);
    if (this.kind === 'boolean') return columnFromBooleans(this.name, this.typed!, where, override);
    return columnFromStrings(this.name, this.strings!, where, override);
  }
}
