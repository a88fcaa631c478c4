import type { StringColumn } from '@autopipe/core';

/** A categorical column as integer codes: `levels` in order of first appearance, −1 for a missing cell. */
export interface CategoryCodes {
  readonly levels: string[];
  readonly codes: Int32Array;
  /** Training rows per level. */
  readonly counts: Float64Array;
  /** Missing (null) cells. */
  readonly missing: number;
}

/** One pass, one map lookup per row. */
export function categoryCodes(col: StringColumn): CategoryCodes {
  const index = new Map<string, number>();
  const levels: string[] = [];
  const codes = new Int32Array(col.length);
  const tally: number[] = [];
  let missing = 0;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v === null) {
      codes[i] = -1;
      missing++;
      continue;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = levels.length;
      index.set(v, c);
      levels.push(v);
      tally.push(0);
    }
    codes[i] = c;
    tally[c]++;
  }
  return { levels, codes, counts: Float64Array.from(tally), missing };
}

/** Code-unit order, locale-independent so a saved model reads the same everywhere. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Maps a column through a level → value table; unseen levels and missing cells get `fallback` / `missingValue`. */
export function lookupColumn(col: StringColumn, index: ReadonlyMap<string, number>, values: Float64Array, fallback: number, missingValue: number): Float64Array {
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v === null) {
      out[i] = missingValue;
      continue;
    }
    const c = index.get(v);
    out[i] = c === undefined ? fallback : values[c];
  }
  return out;
}

/** level → position, for transform-time lookups. */
export function levelIndex(levels: readonly string[]): Map<string, number> {
  return new Map(levels.map((l, i) => [l, i]));
}
