import { inputError, isNumericType, type ColumnData, type ColumnType, type StringColumn } from '@autopipe/core';
import { isDayFirst, newEvidence, normalizeDatetime, noteDatetime, type DatetimeEvidence } from './datetime.js';
import { parseLooseBoolean, parseNumber } from './parse-cell.js';

/** Where a column came from, so a failed conversion can point at the cell. */
export interface CellLocator {
  /** The file or source name used in messages. */
  readonly source: string;
  /** Source line of data row `row` (0-based), when the format has lines. */
  readonly lineOf?: (row: number) => number;
  /** Data rows before this batch when the source is streamed, so messages give the row number in the whole source. */
  readonly firstRow?: number;
}

/**
 * Stores a column of trimmed cells (`null` = missing) in the frame convention for `type`: a Float64Array for
 * numeric and boolean (booleans also accept 1/0 and yes/no here, since the type was asked for), normalized ISO
 * strings for datetime, the strings themselves otherwise. A cell that does not convert is an input error that
 * names the column, the row and the value.
 */
export function toColumn(name: string, values: StringColumn, type: ColumnType, where: CellLocator, datetime?: DatetimeEvidence): ColumnData {
  if (type === 'datetime') return toDatetime(name, values, where, datetime);
  if (!isNumericType(type)) return values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) {
      out[i] = NaN;
      continue;
    }
    const x = type === 'boolean' ? parseLooseBoolean(v) : parseNumber(v);
    if (Number.isNaN(x)) throw conversionError(name, type, i, v, where);
    out[i] = x;
  }
  return out;
}

function toDatetime(name: string, values: StringColumn, where: CellLocator, known?: DatetimeEvidence): (string | null)[] {
  let ev = known;
  if (!ev) {
    ev = newEvidence();
    for (const v of values) if (v !== null) noteDatetime(v, ev);
  }
  const dayFirst = isDayFirst(ev);
  const out: (string | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) {
      out[i] = null;
      continue;
    }
    const iso = normalizeDatetime(v, dayFirst, ev.hasTime);
    if (iso === null) throw conversionError(name, 'datetime', i, v, where);
    out[i] = iso;
  }
  return out;
}

const EXPECTED: Partial<Record<ColumnType, string>> = {
  boolean: 'true/false, 1/0 or yes/no',
  numeric: 'a number such as 3, -0.5 or 1e3',
  datetime: 'a date such as 2024-01-31, 2024-01-31T13:45:00, 31/01/2024 or 01/31/2024',
};

/** The error for a cell that does not convert to the column's declared type. */
export function conversionError(name: string, type: ColumnType, row: number, value: string, where: CellLocator) {
  const line = where.lineOf?.(row);
  const n = row + 1 + (where.firstRow ?? 0);
  const at = line === undefined ? `row ${n}` : `row ${n} (line ${line})`;
  const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return inputError(
    'PARSE_ERROR',
    `${where.source}: column "${name}" is declared ${type} but ${at} holds ${shown}; expected ${EXPECTED[type] ?? type}. Fix the cell, add it to the missing markers, or change the type override.`,
    { file: where.source, column: name, row: n, line, value, type },
  );
}
