import type { ColumnType, StringColumn } from '@autopipe/core';
import { isUnambiguous, newEvidence, noteDatetime, type DatetimeEvidence } from './datetime.js';
import { parseBoolean, parseNumber } from './parse-cell.js';

/**
 * Column type inference shared by every ingestor. The rules are deliberately simple and ordered so a user can
 * predict them (present = non-missing cells, distinct = distinct present values):
 * 1. `constant`: nothing present, or one distinct value;
 * 2. `boolean`: every present cell is true/false (any case);
 * 3. `numeric`: every present cell is a plain or scientific number; an integer column with no missing cell
 *    whose values are unique and consecutive (a row number), from `minIdRows` rows, is `id`;
 * 4. `datetime`: every present cell is an ISO or common date/date-time whose day/month order is settled by
 *    the column (see datetime.ts);
 * 5. `text`: distinct ≥ `minTextUniqueRatio` × present and values average ≥ `minTextTokens` words;
 * 6. `id`: strings unique per row with no missing cell, from `minIdRows` rows;
 * 7. `high_cardinality`: distinct > `maxCategories` and (distinct > `highCardinalityRatio` × present or
 *    distinct > `maxCategoriesAbsolute`) — too many levels to one-hot encode;
 * 8. `categorical` otherwise.
 */
export interface InferOptions {
  /** Fewest rows before a unique column may be called an id; small tables are too easily unique. */
  readonly minIdRows?: number;
  /** Mean whitespace-separated tokens per value from which a mostly-unique string column is text. */
  readonly minTextTokens?: number;
  /** Share of distinct values among present ones from which a string column counts as "mostly unique". */
  readonly minTextUniqueRatio?: number;
  /** Most distinct values a column may always have and still be plain categorical. */
  readonly maxCategories?: number;
  /** Share of distinct values among present ones above which a column past `maxCategories` is high-cardinality. */
  readonly highCardinalityRatio?: number;
  /** Distinct values above which a column is high-cardinality however many rows there are. */
  readonly maxCategoriesAbsolute?: number;
}

export const DEFAULT_INFER_OPTIONS: Required<InferOptions> = {
  minIdRows: 20,
  minTextTokens: 3,
  minTextUniqueRatio: 0.5,
  maxCategories: 50,
  highCardinalityRatio: 0.05,
  maxCategoriesAbsolute: 1000,
};

/** The result of inferring a string column, with the work done on the way so callers need not redo it. */
export interface StringInference {
  readonly type: ColumnType;
  /** Numbers (or 0/1) parsed during the pass when the type is numeric or boolean; NaN where missing. */
  readonly typed?: Float64Array;
  /** Datetime evidence when the type is datetime. */
  readonly datetime?: DatetimeEvidence;
}

/** Type of a column of numbers (NaN = missing): `constant`, `id` (row numbers) or `numeric`. */
export function inferNumericType(data: Float64Array, options: InferOptions = {}): 'constant' | 'id' | 'numeric' {
  const o = { ...DEFAULT_INFER_OPTIONS, ...options };
  const n = data.length;
  let present = 0;
  let first = NaN;
  let varies = false;
  let allInt = true;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = data[i];
    if (x !== x) continue;
    if (present++ === 0) first = x;
    else if (x !== first) varies = true;
    if (allInt && Math.floor(x) !== x) allInt = false;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (!varies) return 'constant';
  if (allInt && present === n && n >= o.minIdRows && max - min === n - 1 && allDistinctInRange(data, min)) return 'id';
  return 'numeric';
}

// Integers known to lie in [min, min + n - 1]: unique exactly when each slot is hit once.
function allDistinctInRange(data: Float64Array, min: number): boolean {
  const seen = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const k = data[i] - min;
    if (seen[k]) return false;
    seen[k] = 1;
  }
  return true;
}

/** Type of a column of 0/1 (NaN = missing): `boolean`, or `constant` when only one value is present. */
export function inferBooleanType(data: Float64Array): 'constant' | 'boolean' {
  let seen = 0;
  for (let i = 0; i < data.length; i++) {
    const x = data[i];
    if (x === 1) seen |= 1;
    else if (x === 0) seen |= 2;
    if (seen === 3) return 'boolean';
  }
  return 'constant';
}

/** Infers the type of a column of trimmed cells (`null` = missing) in one pass; see `InferOptions`. */
export function inferStrings(values: StringColumn, options: InferOptions = {}): StringInference {
  const o = { ...DEFAULT_INFER_OPTIONS, ...options };
  const n = values.length;
  let present = 0;
  let allBool = true;
  let allNum = true;
  let allDate = true;
  const ev = newEvidence();
  const typed = new Float64Array(n).fill(NaN);
  const strings = new Set<string>();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null) continue;
    present++;
    strings.add(v);
    if (allBool) {
      const b = parseBoolean(v);
      if (b !== b) allBool = false;
      else typed[i] = b;
    }
    if (allNum) {
      const x = parseNumber(v);
      if (x !== x) {
        allNum = false;
        // Earlier cells were numbers, and no number is a date.
        if (present > 1) allDate = false;
      } else typed[i] = x;
    }
    if (allDate && !allNum && !noteDatetime(v, ev)) allDate = false;
  }
  if (present === 0) return { type: 'constant' };
  if (allBool) return { type: inferBooleanType(typed), typed };
  if (allNum) {
    const type = inferNumericType(typed, o);
    return type === 'numeric' ? { type, typed } : { type };
  }
  const distinct = strings.size;
  if (distinct === 1) return { type: 'constant' };
  if (allDate && isUnambiguous(ev)) return { type: 'datetime', datetime: ev };
  if (distinct >= o.minTextUniqueRatio * present && meanTokens(values, present) >= o.minTextTokens) return { type: 'text' };
  if (present === n && distinct === n && n >= o.minIdRows) return { type: 'id' };
  if (distinct > o.maxCategories && (distinct > o.highCardinalityRatio * present || distinct > o.maxCategoriesAbsolute)) {
    return { type: 'high_cardinality' };
  }
  return { type: 'categorical' };
}

/** Infers the type of a column of trimmed cells (`null` = missing); see `InferOptions` for the rules. */
export function inferType(values: StringColumn, options: InferOptions = {}): ColumnType {
  return inferStrings(values, options).type;
}

function meanTokens(values: StringColumn, present: number): number {
  let tokens = 0;
  for (const v of values) if (v !== null) tokens += countTokens(v);
  return tokens / present;
}

function countTokens(s: string): number {
  let count = 0;
  let inToken = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13);
    if (!space && !inToken) count++;
    inToken = !space;
  }
  return count;
}
