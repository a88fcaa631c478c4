import { isNumericType, type ColumnType, type NamedColumn, type StringColumn } from '@autopipe/core';
import { inferBooleanType, inferNumericType, inferStrings, type InferOptions, type NumericSummary } from './infer-types.js';
import { conversionError, toColumn, type CellLocator } from './to-column.js';

/** Builds a column from trimmed string cells: the override if given, else the inferred type, stored by convention. */
export function columnFromStrings(name: string, values: StringColumn, where: CellLocator, override?: ColumnType, options?: InferOptions): NamedColumn {
  if (override) return { schema: { name, type: override }, data: toColumn(name, values, override, where) };
  const inferred = inferStrings(values, options);
  const data = inferred.typed ?? toColumn(name, values, inferred.type, where, inferred.datetime);
  return { schema: { name, type: inferred.type }, data };
}

/**
 * Builds a column from numbers (NaN = missing), typed at the source (JSON numbers, Arrow/Parquet numeric types).
 * Row-number ids and constants are stored as the numbers' text, as the frame wants strings for those types.
 * `summary`, when the reader gathered one over every row, saves the inference a pass.
 */
export function columnFromNumbers(name: string, data: Float64Array, where: CellLocator, override?: ColumnType, options?: InferOptions, summary?: NumericSummary): NamedColumn {
  const type = override ?? (summary ? summary.type(data, options) : inferNumericType(data, options));
  if (type === 'boolean') {
    for (let i = 0; i < data.length; i++) {
      const x = data[i];
      if (x === x && x !== 0 && x !== 1) throw conversionError(name, type, i, String(x), where);
    }
  }
  if (isNumericType(type)) return { schema: { name, type }, data };
  return columnFromStrings(name, numbersToStrings(data), where, type, options);
}

/** Builds a column from 0/1 (NaN = missing), typed at the source as booleans. */
export function columnFromBooleans(name: string, data: Float64Array, where: CellLocator, override?: ColumnType): NamedColumn {
  const type = override ?? inferBooleanType(data);
  if (isNumericType(type)) return { schema: { name, type }, data };
  return columnFromStrings(name, booleansToStrings(data), where, type);
}

/** The numbers' shortest round-trip text, `null` where missing. */
export function numbersToStrings(data: Float64Array): (string | null)[] {
  const out: (string | null)[] = new Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] === data[i] ? String(data[i]) : null;
  return out;
}

/** `true`/`false`, `null` where missing. */
export function booleansToStrings(data: Float64Array): (string | null)[] {
  const out: (string | null)[] = new Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] === 1 ? 'true' : data[i] === 0 ? 'false' : null;
  return out;
}
