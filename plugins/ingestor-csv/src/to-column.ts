import { inputError, isNumericType, type ColumnData, type ColumnType, type StringColumn } from '@autopipe/core';
import { parseBoolean, parseNumber } from './infer-types.js';

/** Where a column came from, so a failed conversion can point at the cell. */
export interface CellLocator {
  /** The file or source name used in messages. */
  readonly source: string;
  /** Source line of data row `row` (0-based), when the format has lines. */
  readonly lineOf?: (row: number) => number;
}

// 1/0 and yes/no are accepted only when the user asks for boolean: inference keeps 0/1 numeric.
const BOOLEAN_WORDS: Readonly<Record<string, number>> = { '1': 1, '0': 0, yes: 1, no: 0 };

/**
 * Stores a column of trimmed cells (`null` = missing) in the frame convention for `type`: a Float64Array for
 * numeric and boolean, the strings themselves otherwise. A cell that does not convert is an input error that
 * names the column, the row and the value.
 */
export function toColumn(name: string, values: StringColumn, type: ColumnType, where: CellLocator): ColumnData {
  if (!isNumericType(type)) return values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) {
      out[i] = NaN;
      continue;
    }
    const x = type === 'boolean' ? looseBoolean(v) : parseNumber(v);
    if (Number.isNaN(x)) throw conversionError(name, type, i, v, where);
    out[i] = x;
  }
  return out;
}

function looseBoolean(cell: string): number {
  const b = parseBoolean(cell);
  return Number.isNaN(b) ? (BOOLEAN_WORDS[cell.toLowerCase()] ?? NaN) : b;
}

function conversionError(name: string, type: ColumnType, row: number, value: string, where: CellLocator) {
  const line = where.lineOf?.(row);
  const at = line === undefined ? `row ${row + 1}` : `row ${row + 1} (line ${line})`;
  const expected = type === 'boolean' ? 'true/false, 1/0 or yes/no' : 'a number such as 3, -0.5 or 1e3';
  return inputError(
    'PARSE_ERROR',
    `${where.source}: column "${name}" is declared ${type} but ${at} holds ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}; expected ${expected}. Fix the cell, add it to the missing markers, or change the type override.`,
    { file: where.source, column: name, row: row + 1, line, value, type },
  );
}
