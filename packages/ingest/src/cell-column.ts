import type { ColumnType, NamedColumn } from '@autopipe/core';
import { GrowableFloat64 } from './growable.js';
import { StringInterner } from './interner.js';
import { columnFromBooleans, columnFromNumbers, columnFromStrings } from './infer-column.js';
import type { InferOptions } from './infer-types.js';
import { parseBoolean, parseNumber } from './parse-cell.js';
import type { CellLocator } from './to-column.js';

/**
 * Builds one column from text cells (delimited files) without keeping the text of numeric columns: a column
 * whose cells all parse as numbers (or as true/false) lives in a Float64Array from its first present cell.
 * When a later cell does not parse, the column falls back to strings; the text of the rows before it is lost,
 * `lostRows` says how many, and the caller reads them again with `restoreStrings` (a second pass over the
 * source for that column only — rare in practice, as mixed columns usually show a string early).
 */
export class CellColumnBuilder {
  private kind: 'none' | 'number' | 'boolean' | 'string';
  private typed = new GrowableFloat64();
  private strings: (string | null)[] | null = null;
  private missingRun = 0;
  private readonly interner = new StringInterner();
  /** Rows at the start whose text must be restored before `finish`. */
  lostRows = 0;

  /** `keepText` forces string storage, e.g. for a column whose type the user overrides. */
  constructor(
    readonly name: string,
    keepText = false,
  ) {
    this.kind = keepText ? 'string' : 'none';
    if (keepText) this.strings = [];
  }

  get length(): number {
    return this.strings ? this.strings.length : this.typed.length + this.missingRun;
  }

  pushMissing(): void {
    if (this.strings) this.strings.push(null);
    else if (this.kind === 'none') this.missingRun++;
    else this.typed.push(NaN);
  }

  /** Appends a trimmed, non-missing cell. */
  pushCell(cell: string): void {
    const kind = this.kind;
    if (kind === 'number') {
      const x = parseNumber(cell);
      if (x === x) this.typed.push(x);
      else this.fallBack(cell);
    } else if (kind === 'string') {
      this.strings!.push(this.interner.intern(cell));
    } else if (kind === 'boolean') {
      const b = parseBoolean(cell);
      if (b === b) this.typed.push(b);
      else this.fallBack(cell);
    } else {
      this.first(cell);
    }
  }

  private first(cell: string): void {
    const x = parseNumber(cell);
    const b = x === x ? x : parseBoolean(cell);
    if (b === b) {
      this.kind = x === x ? 'number' : 'boolean';
      for (let k = 0; k < this.missingRun; k++) this.typed.push(NaN);
      this.typed.push(b);
    } else {
      this.kind = 'string';
      this.strings = new Array<string | null>(this.missingRun).fill(null);
      this.strings.push(this.interner.intern(cell));
    }
    this.missingRun = 0;
  }

  private fallBack(cell: string): void {
    const rows = this.typed.length;
    const strings = new Array<string | null>(rows);
    // Missing cells stay missing; present ones wait for `restoreStrings`.
    for (let i = 0; i < rows; i++) strings[i] = null;
    this.lostRows = rows;
    this.typed = new GrowableFloat64();
    this.kind = 'string';
    this.strings = strings;
    strings.push(this.interner.intern(cell));
  }

  /** Puts back the text of the first `lostRows` rows (trimmed cells, `null` = missing), read again from the source. */
  restoreStrings(cells: readonly (string | null)[]): void {
    for (let i = 0; i < this.lostRows; i++) this.strings![i] = cells[i];
    this.lostRows = 0;
  }

  /** The finished column: the override when given, else the inferred type. */
  finish(where: CellLocator, override?: ColumnType, options?: InferOptions): NamedColumn {
    this.interner.reset();
    if (this.kind === 'number') return columnFromNumbers(this.name, this.typed.toArray(), where, override, options);
    if (this.kind === 'boolean') return columnFromBooleans(this.name, this.typed.toArray(), where, override);
    const strings = this.strings ?? new Array<string | null>(this.missingRun).fill(null);
    return columnFromStrings(this.name, strings, where, override, options);
  }
}
