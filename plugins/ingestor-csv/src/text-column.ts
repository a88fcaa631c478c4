import type { ColumnType, NamedColumn } from '@autopipe/core';
import { StringInterner, columnFromBooleans, columnFromNumbers, columnFromStrings, parseBoolean, parseNumber, type CellLocator } from '@autopipe/ingest';
import type { Cell } from './duckdb-vectors.js';

/**
 * A column DuckDB hands back as text, kept as trimmed cells (null = missing) and finished exactly as
 * `CellColumnBuilder` would finish the same cells: with `numbersFirst` (whole-file reads), a column whose
 * first present cell is a number and whose every present cell parses as one becomes numbers (so an id or
 * constant column is written back as the numbers' text, as there), likewise for true/false; otherwise, and
 * always with `numbersFirst` off (streamed batches, overridden columns), the cells go to the string
 * inference. Keeping the text avoids the second pass over the file the cell builder needs when a column
 * turns out mixed.
 */
export class TextColumn {
  private cells: Cell[] = [];
  private readonly interner = new StringInterner();

  constructor(readonly name: string) {}

  get length(): number {
    return this.cells.length;
  }

  readonly push = (cell: Cell): void => {
    this.cells.push(cell === null ? null : this.interner.intern(cell));
  };

  /** The finished column; the cells are released so the builder can take the next batch. */
  finish(where: CellLocator, override: ColumnType | undefined, numbersFirst: boolean): NamedColumn {
    const cells = this.cells;
    this.cells = [];
    this.interner.reset();
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

/** What CellColumnBuilder would have stored: decided by the first present cell, strings once one does not fit. */
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
