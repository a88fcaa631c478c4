import type { ColumnType, NamedColumn } from '@autopipe/core';
import {
  StringInterner, columnFromBooleans, columnFromCodes, columnFromNumbers, columnFromStrings, decodeNumbers, expandCodes, parseBoolean, parseNumber, type CellLocator,
} from '@autopipe/ingest';
import type { Cell, TextSink } from './duckdb-vectors.js';

/**
 * A column DuckDB hands back as text, finished exactly as `CellColumnBuilder` would finish the same cells: with
 * `numbersFirst` (whole-file reads), a column whose first present cell is a number and whose every present cell
 * parses as one becomes numbers (so an id or constant column is written back as the numbers' text, as there),
 * likewise for true/false; otherwise, and always with `numbersFirst` off (streamed batches, overridden
 * columns), the cells go to the string inference. Keeping the text avoids the second pass over the file the
 * cell builder needs when a column turns out mixed.
 *
 * Cells come as dictionary codes while `TextCells` can give them (low-cardinality columns of short values),
 * and a whole-file read then infers and converts once per distinct value (`columnFromCodes`); a column that
 * outgrows the dictionary switches to strings for good.
 */
export class TextColumn implements TextSink {
  /** Codes while the column takes them, allocated for the rows expected at the first. */
  private codes: Int32Array | null = new Int32Array(0);
  /** Cells in strings mode, allocated for the rows expected (growing arrays copy themselves over and over). */
  private cells: Cell[] = [];
  private rows = 0;
  private readonly interner = new StringInterner();
  /** Rows whose cell came through `pushIso` (1), allocated at the first one; how many, and whether they differ. */
  private iso: Uint8Array | null = null;
  private isoCount = 0;
  private firstIso: string | null = null;
  private isoDiffer = false;

  constructor(
    readonly name: string,
    private readonly expectedRows: number,
  ) {}

  get coded(): boolean {
    return this.codes !== null;
  }

  get length(): number {
    return this.rows;
  }

  pushCodes(add: Int32Array, count: number): void {
    let codes = this.codes!;
    if (this.rows + count > codes.length) {
      const grown = new Int32Array(Math.max(codes.length * 2, this.rows + count, this.expectedRows));
      grown.set(codes.subarray(0, this.rows));
      this.codes = codes = grown;
    }
    codes.set(add.subarray(0, count), this.rows);
    this.rows += count;
  }

  readonly push = (cell: Cell): void => {
    const v = cell === null ? null : this.interner.intern(cell);
    if (this.rows < this.cells.length) this.cells[this.rows++] = v;
    else this.rows = this.cells.push(v);
  };

  pushIso(iso: string): void {
    let flags = this.iso;
    if (flags === null || this.rows === flags.length) {
      const grown = new Uint8Array(Math.max(this.expectedRows, this.rows * 2, 1024));
      if (flags) grown.set(flags);
      this.iso = flags = grown;
    }
    flags[this.rows] = 1;
    if (this.firstIso === null) this.firstIso = iso;
    else if (!this.isoDiffer && iso !== this.firstIso) this.isoDiffer = true;
    this.isoCount++;
    if (this.rows < this.cells.length) this.cells[this.rows++] = iso;
    else this.rows = this.cells.push(iso);
  }

  /**
   * Turns `pushIso` cells back into their text unless the column is bound to infer as datetimes from them: no
   * override, every present cell came that way, and at least two differ (one value would be a constant, kept as
   * its text). Those normalize to themselves, so the column is what decoding then normalizing every cell gave,
   * and it is the finished datetime column as it stands: returns whether it is.
   */
  private settleIso(cells: Cell[], override: ColumnType | undefined): boolean {
    const flags = this.iso;
    const count = this.isoCount;
    const differ = this.isoDiffer;
    this.iso = null;
    this.isoCount = 0;
    this.firstIso = null;
    this.isoDiffer = false;
    if (flags === null) return false;
    if (override === undefined && differ) {
      let present = 0;
      for (let i = 0; i < cells.length; i++) if (cells[i] !== null) present++;
      if (present === count) return true;
    }
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (flags[i] === 1 && c !== null) cells[i] = `${c.slice(0, 10)} ${c.slice(11, 16)}`;
    }
    return false;
  }

  toStrings(dict: readonly string[]): void {
    const codes = this.codes;
    if (!codes) return;
    const cells: Cell[] = new Array(Math.max(this.expectedRows, this.rows));
    for (let i = 0; i < this.rows; i++) cells[i] = codes[i] < 0 ? null : dict[codes[i]];
    this.cells = cells;
    this.codes = null;
  }

  /** The finished column; the cells are released and the next batch starts with codes again. */
  finish(where: CellLocator, override: ColumnType | undefined, numbersFirst: boolean, dict: readonly string[]): NamedColumn {
    // A view: the codes array is dropped below, and nothing built from the codes keeps them.
    const codes = this.codes?.subarray(0, this.rows) ?? null;
    const cells = this.cells;
    if (!codes) cells.length = this.rows;
    // The string inference of such a column checks, then normalizes every cell to the very string it holds.
    const datetimes = !codes && this.settleIso(cells, override);
    this.codes = new Int32Array(0);
    this.rows = 0;
    this.cells = [];
    this.interner.reset();
    if (codes) return finishCodes(this.name, codes, dict, where, override, numbersFirst);
    if (datetimes) return { schema: { name: this.name, type: 'datetime' }, data: cells };
    if (override || !numbersFirst) return columnFromStrings(this.name, cells, where, override);
    const kind = typedKind(cells);
    if (kind === 'string') return columnFromStrings(this.name, cells, where);
    const parse = kind === 'number' ? parseNumber : parseBoolean;
    const typed = new Float64Array(cells.length);
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      typed[i] = c === null ? NaN : parse(c);
    }
    return kind === 'number' ? columnFromNumbers(this.name, typed, where) : columnFromBooleans(this.name, typed, where);
  }
}

/** `finish` for a column held as codes: the same column, each distinct value parsed once. */
function finishCodes(name: string, codes: Int32Array, dict: readonly string[], where: CellLocator, override: ColumnType | undefined, numbersFirst: boolean): NamedColumn {
  if (override || !numbersFirst) return columnFromStrings(name, expandCodes(codes, dict), where, override);
  const used = new Uint8Array(dict.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) used[codes[i]] = 1;
  const kind = typedKind(dict.filter((_, k) => used[k] === 1));
  if (kind === 'string') return columnFromCodes(name, codes, dict, where);
  const parse = kind === 'number' ? parseNumber : parseBoolean;
  const typed = decodeNumbers(codes, Float64Array.from(dict, (v, k) => (used[k] ? parse(v) : NaN)));
  return kind === 'number' ? columnFromNumbers(name, typed, where) : columnFromBooleans(name, typed, where);
}

/**
 * What CellColumnBuilder would have stored: decided by the first present cell, strings once one does not fit.
 * No value is both a number and a boolean, so the answer does not depend on the order of the cells.
 */
function typedKind(cells: readonly Cell[]): 'number' | 'boolean' | 'string' {
  let kind: 'none' | 'number' | 'boolean' = 'none';
  for (const c of cells) {
    if (c === null) continue;
    if (kind === 'number') {
      if (Number.isNaN(parseNumber(c))) return 'string';
    } else if (kind === 'boolean') {
      if (Number.isNaN(parseBoolean(c))) return 'string';
    } else if (!Number.isNaN(parseNumber(c))) kind = 'number';
    else if (!Number.isNaN(parseBoolean(c))) kind = 'boolean';
    else return 'string';
  }
  // No present cell: the cell builder's empty column goes to the string inference (constant).
  return kind === 'none' ? 'string' : kind;
}
