import type { ColumnType, NamedColumn } from '@autopipe/core';
import { isDayFirst, isUnambiguous, newEvidence, normalizeDatetime, noteDatetime } from './datetime.js';
import { columnFromStrings } from './infer-column.js';
import { countTokens, DEFAULT_INFER_OPTIONS, inferBooleanType, inferNumericType, type InferOptions } from './infer-types.js';
import { parseBoolean, parseNumber } from './parse-cell.js';
import { conversionError, type CellLocator } from './to-column.js';

/** Cells written out from their codes (`null` where the code is negative). */
export function expandCodes(codes: Int32Array, dict: readonly string[]): (string | null)[] {
  const out: (string | null)[] = new Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    out[i] = c < 0 ? null : dict[c];
  }
  return out;
}

/** One number per code (NaN for a negative code) through a table of one number per dictionary value. */
export function decodeNumbers(codes: Int32Array, table: Float64Array): Float64Array {
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    out[i] = c < 0 ? NaN : table[c];
  }
  return out;
}

/**
 * Builds a column given as dictionary codes (negative = missing) into `dict`, a list of distinct trimmed values:
 * the very column `columnFromStrings` builds from the cells written out, with each inference rule (see
 * `inferStrings`) and each conversion run once per distinct value instead of once per cell. Which values are
 * numbers, booleans or dates does not depend on the order of the cells (no value is both a number and a date),
 * so the per-value checks decide what the per-cell pass would. Type overrides take the per-cell path, which
 * names the first cell that does not convert.
 */
export function columnFromCodes(name: string, codes: Int32Array, dict: readonly string[], where: CellLocator, override?: ColumnType, options?: InferOptions): NamedColumn {
  if (override) return columnFromStrings(name, expandCodes(codes, dict), where, override, options);
  const o = { ...DEFAULT_INFER_OPTIONS, ...options };
  const n = codes.length;
  const counts = new Float64Array(dict.length);
  let present = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (c >= 0) {
      counts[c]++;
      present++;
    }
  }
  const column = (type: ColumnType, data: NamedColumn['data'] = expandCodes(codes, dict)): NamedColumn => ({ schema: { name, type }, data });
  if (present === 0) return column('constant');

  let allBool = true;
  let allNum = true;
  let allDate = true;
  let distinct = 0;
  let tokens = 0;
  const ev = newEvidence();
  const bools = new Float64Array(dict.length);
  const nums = new Float64Array(dict.length);
  for (let k = 0; k < dict.length; k++) {
    if (counts[k] === 0) continue;
    const v = dict[k];
    distinct++;
    tokens += counts[k] * countTokens(v);
    if (allBool) allBool = (bools[k] = parseBoolean(v)) === bools[k];
    if (allNum) allNum = (nums[k] = parseNumber(v)) === nums[k];
    if (allDate && !noteDatetime(v, ev)) allDate = false;
  }
  if (allBool) {
    const typed = decodeNumbers(codes, bools);
    return column(inferBooleanType(typed), typed);
  }
  if (allNum) {
    const typed = decodeNumbers(codes, nums);
    const type = inferNumericType(typed, o);
    return type === 'numeric' ? column(type, typed) : column(type);
  }
  if (distinct === 1) return column('constant');
  if (allDate && isUnambiguous(ev)) return column('datetime', datetimes(name, codes, dict, counts, where, isDayFirst(ev), ev.hasTime));
  if (distinct >= o.minTextUniqueRatio * present && tokens / present >= o.minTextTokens) return column('text');
  if (present === n && distinct === n && n >= o.minIdRows) return column('id');
  if (distinct > o.maxCategories && (distinct > o.highCardinalityRatio * present || distinct > o.maxCategoriesAbsolute)) return column('high_cardinality');
  return column('categorical');
}

/** The normalized datetimes, each distinct value normalized once. */
function datetimes(name: string, codes: Int32Array, dict: readonly string[], counts: Float64Array, where: CellLocator, dayFirst: boolean, withTime: boolean): (string | null)[] {
  const iso: (string | null)[] = dict.map((v, k) => (counts[k] === 0 ? null : normalizeDatetime(v, dayFirst, withTime)));
  const out: (string | null)[] = new Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) {
      out[i] = null;
      continue;
    }
    const v = iso[c];
    if (v === null) throw conversionError(name, 'datetime', i, dict[c], where);
    out[i] = v;
  }
  return out;
}
