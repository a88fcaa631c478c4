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
  const summary = new NumericSummary();
  summary.add(data, 0, data.length);
  return summary.type(data, options);
}

/**
 * What `inferNumericType` looks at in a column of numbers, gathered range by range (e.g. while a reader fills the
 * column), so the type needs no further pass once the column is complete; `type` decides as `inferNumericType` does.
 */
export class NumericSummary {
  private rows = 0;
  private present = 0;
  private first = NaN;
  private varies = false;
  private allInt = true;
  private min = Infinity;
  private max = -Infinity;

  /** Takes in `data[from..to)`, the next rows of the column. */
  add(data: Float64Array, from: number, to: number): void {
    let { present, first, varies, allInt, min, max } = this;
    for (let i = from; i < to; i++) {
      const x = data[i];
      if (x !== x) continue;
      if (present++ === 0) first = x;
      else if (x !== first) varies = true;
      if (allInt && Math.floor(x) !== x) allInt = false;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    this.present = present;
    this.first = first;
    this.varies = varies;
    this.allInt = allInt;
    this.min = min;
    this.max = max;
    this.rows += to - from;
  }

  /**
   * Copies rows [from, to) of `values` to `out` from `at` and takes them in, in one pass (what `add` after the copy
   * would do): a row whose bit in `valid` (validity words as Arrow and DuckDB keep them, bit i of word i >>> 5; null
   * when every row is valid) is 0 becomes NaN. Returns false, having copied only part, at a valid value that is not
   * finite, which a reader whose numbers must parse as `parseNumber` does cannot take.
   */
  addValid(values: Float64Array, valid: Uint32Array | null, from: number, to: number, out: Float64Array, at: number): boolean {
    let { present, first, varies, allInt, min, max } = this;
    const shift = at - from;
    for (let i = from; i < to; i++) {
      if (valid !== null && ((valid[i >>> 5] >>> (i & 31)) & 1) === 0) {
        out[i + shift] = NaN;
        continue;
      }
      const x = values[i];
      if (x - x !== 0) return false;
      out[i + shift] = x;
      if (present++ === 0) first = x;
      else if (x !== first) varies = true;
      if (allInt && Math.floor(x) !== x) allInt = false;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    this.present = present;
    this.first = first;
    this.varies = varies;
    this.allInt = allInt;
    this.min = min;
    this.max = max;
    this.rows += to - from;
    return true;
  }

  /** The type of `data`, the complete column whose rows were all added. */
  type(data: Float64Array, options: InferOptions = {}): 'constant' | 'id' | 'numeric' {
    if (this.rows !== data.length) throw new Error(`NumericSummary took ${this.rows} rows of a ${data.length}-row column`);
    const o = { ...DEFAULT_INFER_OPTIONS, ...options };
    const n = data.length;
    const { present, varies, allInt, min, max } = this;
    if (!varies) return 'constant';
    if (allInt && present === n && n >= o.minIdRows && max - min === n - 1 && allDistinctInRange(data, min)) return 'id';
    return 'numeric';
  }
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

/**
 * Infers the type of a column of trimmed cells (`null` = missing) in one pass; see `InferOptions`. Distinct values
 * are only counted once a rule needs them (a datetime column only needs to know it is not constant), and a
 * column of mostly distinct values stops counting at the text rule's threshold when its values are long enough.
 */
export function inferStrings(values: StringColumn, options: InferOptions = {}): StringInference {
  const o = { ...DEFAULT_INFER_OPTIONS, ...options };
  const n = values.length;
  let present = 0;
  let allBool = true;
  let allNum = true;
  let allDate = true;
  const ev = newEvidence();
  // Only a column still all booleans or all numbers needs its values; most string columns fail at their first cell.
  let typed: Float64Array | null = null;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null) continue;
    present++;
    if (allBool) {
      const b = parseBoolean(v);
      if (b !== b) allBool = false;
      else (typed ??= new Float64Array(n).fill(NaN))[i] = b;
    }
    if (allNum) {
      const x = parseNumber(v);
      if (x !== x) {
        allNum = false;
        // Earlier cells were numbers, and no number is a date.
        if (present > 1) allDate = false;
      } else (typed ??= new Float64Array(n).fill(NaN))[i] = x;
    }
    if (allDate && !allNum && !noteDatetime(v, ev)) allDate = false;
  }
  if (present === 0) return { type: 'constant' };
  if (allBool) return { type: inferBooleanType(typed!), typed: typed! };
  if (allNum) {
    const type = inferNumericType(typed!, o);
    return type === 'numeric' ? { type, typed: typed! } : { type };
  }
  if (allDate && isUnambiguous(ev)) return hasTwoValues(values) ? { type: 'datetime', datetime: ev } : { type: 'constant' };
  // From this many distinct values on, the text rule only waits on the token count.
  const textFrom = Math.max(2, Math.ceil(o.minTextUniqueRatio * present));
  if (present >= HASHED_FROM && distinctHashes(values, textFrom, o.minTextUniqueRatio) >= textFrom && hasMeanTokens(values, present, o.minTextTokens)) {
    return { type: 'text' };
  }
  const seen = new Set<string>();
  const stopped = addDistinct(values, seen, 0, textFrom);
  if (seen.size >= textFrom && hasMeanTokens(values, present, o.minTextTokens)) return { type: 'text' };
  addDistinct(values, seen, stopped, Infinity);
  const distinct = seen.size;
  if (distinct === 1) return { type: 'constant' };
  if (present === n && distinct === n && n >= o.minIdRows) return { type: 'id' };
  if (distinct > o.maxCategories && (distinct > o.highCardinalityRatio * present || distinct > o.maxCategoriesAbsolute)) {
    return { type: 'high_cardinality' };
  }
  return { type: 'categorical' };
}

// Present values from which a mostly-unique column is first counted by hashes (a Set of half a million strings
// costs a million-row text column more than the rest of its inference), and the first values that must look unique.
const HASHED_FROM = 10_000;
const HASH_SAMPLE = 1024;

/**
 * Distinct 32-bit hashes of the present values, counted up to `stopAt`: equal values hash alike, so this never
 * exceeds the distinct values and may stand in for them when it reaches a threshold (else the exact count decides).
 * Gives 0 at once when the first values repeat too much for the column to be mostly unique.
 */
function distinctHashes(values: StringColumn, stopAt: number, uniqueRatio: number): number {
  const size = 2 ** Math.ceil(Math.log2(2 * stopAt + 2));
  const table = new Int32Array(size);
  const mask = size - 1;
  let count = 0;
  let seenPresent = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) continue;
    if (++seenPresent === HASH_SAMPLE && count < uniqueRatio * HASH_SAMPLE) return 0;
    let h = 0x811c9dc5;
    for (let k = 0; k < v.length; k++) h = Math.imul(h ^ v.charCodeAt(k), 0x01000193);
    // 0 marks a free slot; folding 0 into 1 only merges hashes, which keeps the count a lower bound.
    if (h === 0) h = 1;
    for (let slot = (h ^ (h >>> 15)) & mask; ; slot = (slot + 1) & mask) {
      const t = table[slot];
      if (t === h) break;
      if (t === 0) {
        table[slot] = h;
        if (++count >= stopAt) return count;
        break;
      }
    }
  }
  return count;
}

/** Whether two different present values occur. */
function hasTwoValues(values: StringColumn): boolean {
  let first: string | null = null;
  for (const v of values) {
    if (v === null) continue;
    if (first === null) first = v;
    else if (v !== first) return true;
  }
  return false;
}

/** Adds the present values from row `from` on to `seen` until it holds `stopAt`; returns the row after the last one added. */
function addDistinct(values: StringColumn, seen: Set<string>, from: number, stopAt: number): number {
  for (let i = from; i < values.length; i++) {
    const v = values[i];
    if (v === null) continue;
    seen.add(v);
    if (seen.size >= stopAt) return i + 1;
  }
  return values.length;
}

/** Infers the type of a column of trimmed cells (`null` = missing); see `InferOptions` for the rules. */
export function inferType(values: StringColumn, options: InferOptions = {}): ColumnType {
  return inferStrings(values, options).type;
}

/**
 * Whether the present values average at least `min` tokens. Counting stops once the tokens so far settle it (a
 * million-row text column usually gets there a little past half-way); the margin of one token keeps the early answer
 * the one the full count's `tokens / present >= min` gives, whatever the rounding.
 */
function hasMeanTokens(values: StringColumn, present: number, min: number): boolean {
  const enough = min * present + 1;
  let tokens = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) continue;
    tokens += countTokens(v);
    if (tokens >= enough) return true;
  }
  return tokens / present >= min;
}

/** Whitespace-separated tokens of a value, as the mean-token rule counts them. */
export function countTokens(s: string): number {
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
