import type { ColumnType, StringColumn } from '@autopipe/core';

/**
 * Column type inference shared by text-based ingestors. Input is one column of trimmed cells with `null` for
 * missing; the rules are deliberately simple and order-dependent so a user can predict them:
 * constant → boolean → numeric (or integer row-number id) → text → string id → categorical.
 */
export interface InferOptions {
  /** Fewest rows before a unique column may be called an id; small tables are too easily unique. */
  readonly minIdRows?: number;
  /** Mean whitespace-separated tokens per value from which a mostly-unique string column is text. */
  readonly minTextTokens?: number;
  /** Share of distinct values among present ones from which a string column counts as "mostly unique". */
  readonly minTextUniqueRatio?: number;
}

const DEFAULTS: Required<InferOptions> = { minIdRows: 20, minTextTokens: 3, minTextUniqueRatio: 0.5 };

// Plain decimal or scientific notation only: rejects "1,5", "0x10", "Infinity", "1_000" and empty strings.
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a trimmed cell as a finite number, or returns NaN. */
export function parseNumber(cell: string): number {
  if (!NUMBER_RE.test(cell)) return NaN;
  const x = Number(cell);
  return Number.isFinite(x) ? x : NaN;
}

/** Parses `true`/`false` (any case) as 1/0, or returns NaN. */
export function parseBoolean(cell: string): number {
  const c = cell.toLowerCase();
  return c === 'true' ? 1 : c === 'false' ? 0 : NaN;
}

/** Infers the type of one column; see the module comment for the order of the rules. */
export function inferType(values: StringColumn, options: InferOptions = {}): ColumnType {
  const o = { ...DEFAULTS, ...options };
  const n = values.length;
  let present = 0;
  let allBool = true;
  let allNum = true;
  let allInt = true;
  let min = Infinity;
  let max = -Infinity;
  const nums = new Set<number>();
  const bools = new Set<number>();
  const strings = new Set<string>();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null) continue;
    present++;
    strings.add(v);
    if (allBool) {
      const b = parseBoolean(v);
      if (Number.isNaN(b)) allBool = false;
      else bools.add(b);
    }
    if (allNum) {
      const x = parseNumber(v);
      if (Number.isNaN(x)) {
        allNum = false;
        continue;
      }
      nums.add(x);
      if (!Number.isInteger(x)) allInt = false;
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  // An all-missing column carries no more signal than a constant one, so it is dropped the same way.
  if (present === 0) return 'constant';
  const distinct = allBool ? bools.size : allNum ? nums.size : strings.size;
  if (distinct === 1) return 'constant';
  if (allBool) return 'boolean';
  if (allNum) {
    const rowNumber = allInt && present === n && n >= o.minIdRows && nums.size === n && max - min === n - 1;
    return rowNumber ? 'id' : 'numeric';
  }
  if (strings.size >= o.minTextUniqueRatio * present && meanTokens(values, present) >= o.minTextTokens) return 'text';
  if (present === n && strings.size === n && n >= o.minIdRows) return 'id';
  return 'categorical';
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
