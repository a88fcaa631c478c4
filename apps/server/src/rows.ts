import { Frame, isNumericType, type ColumnSchema, type NamedColumn } from '@autopipe/core';
import { ApiError } from './api-error.js';

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

function mismatch(name: string, type: string, row: number, value: unknown): ApiError {
  const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  return new ApiError(400, 'SCHEMA_MISMATCH', `Column "${name}" is ${type}, but row ${row + 1} holds ${shown}; send a ${type === 'numeric' ? 'number' : type === 'boolean' ? 'boolean' : 'string'} or null for a missing value.`, { column: name, row: row + 1, expected: type });
}

function numberCell(name: string, type: string, v: unknown, row: number): number {
  if (typeof v === 'number') return v;
  if (v === null) return NaN;
  if (type === 'boolean') {
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'string') {
      const s = v.trim().toLowerCase();
      if (TRUE.has(s)) return 1;
      if (FALSE.has(s)) return 0;
      if (s === '') return NaN;
    }
    throw mismatch(name, type, row, v);
  }
  if (typeof v === 'string') {
    // CSV cells arrive as strings; JSON clients may quote numbers too.
    const s = v.trim();
    if (s === '') return NaN;
    const n = Number(s);
    if (!Number.isNaN(n)) return n;
  }
  throw mismatch(name, type, row, v);
}

function stringCell(name: string, type: string, v: unknown, row: number): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  if (v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw mismatch(name, type, row, v);
}

function missingColumns(rows: readonly Record<string, unknown>[], schema: readonly ColumnSchema[]): ApiError | undefined {
  for (let i = 0; i < rows.length; i++) {
    const absent = schema.filter((c) => !Object.hasOwn(rows[i], c.name)).map((c) => c.name);
    if (!absent.length) continue;
    const list = absent.map((n) => `"${n}"`).join(', ');
    const where = rows.length === 1 ? 'the row' : `row ${i + 1}`;
    return new ApiError(400, 'MISSING_COLUMNS', `${where} has no ${list}: the model needs every column it was trained on (send null for an unknown value).`, { columns: absent, row: i + 1 });
  }
  return undefined;
}

/**
 * Builds a frame with exactly the model's feature columns, in training order, from request rows. One pass per
 * column straight into the storage the runtime wants (Float64Array / string arrays), so the runtime's own
 * conforming step finds nothing to convert. Extra keys are ignored; an absent column or a cell of the wrong
 * type is a 400 naming the column and row.
 */
export function rowsToFrame(rows: readonly Record<string, unknown>[], schema: readonly ColumnSchema[]): Frame {
  const absent = missingColumns(rows, schema);
  if (absent) throw absent;
  const n = rows.length;
  const cols: NamedColumn[] = new Array(schema.length);
  for (let j = 0; j < schema.length; j++) {
    const c = schema[j];
    const name = c.name;
    if (isNumericType(c.type)) {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = numberCell(name, c.type, rows[i][name], i);
      cols[j] = { schema: c, data: out };
    } else {
      const out: (string | null)[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = stringCell(name, c.type, rows[i][name], i);
      cols[j] = { schema: c, data: out };
    }
  }
  return Frame.fromColumns(cols);
}
