import type { ColumnType } from '@autopipe/core';
import { CellColumnBuilder, GrowableFloat64 } from '@autopipe/ingest';
import { parseDelimitedFile, type ParseOptions } from './parse-delimited.js';

/** The columns of a delimited file, built while streaming, with the line each data row starts on. */
export interface ReadColumns {
  readonly found: boolean;
  readonly builders: CellColumnBuilder[];
  readonly lines: Float64Array;
}

/**
 * Reads a delimited file into one builder per column (numbers straight into typed arrays). Columns that
 * turned out mixed after their first rows get their lost text back from a second pass over the file.
 */
/** Adds one parsed row's fields to the column builders: trimmed, missing markers as missing cells. */
export function pushFields(builders: readonly CellColumnBuilder[], fields: readonly string[], isMissing: (trimmed: string) => boolean): void {
  for (let j = 0; j < fields.length; j++) {
    const cell = fields[j].trim();
    if (isMissing(cell)) builders[j].pushMissing();
    else builders[j].pushCell(cell);
  }
}

export async function readColumns(
  path: string,
  options: ParseOptions & { readonly isMissing: (trimmed: string) => boolean; readonly types: Readonly<Record<string, ColumnType>> },
): Promise<ReadColumns> {
  const { isMissing, types } = options;
  let builders: CellColumnBuilder[] = [];
  const lines = new GrowableFloat64();
  const found = await parseDelimitedFile(path, {
    header: (names) => {
      // Overridden columns keep their text so conversion errors can quote the cell as written.
      builders = names.map((name) => new CellColumnBuilder(name, types[name] !== undefined));
    },
    row: (fields, line) => {
      pushFields(builders, fields, isMissing);
      lines.push(line);
    },
  }, options);
  const lost = builders.filter((b) => b.lostRows > 0);
  if (lost.length > 0) await restoreLost(path, builders, lost, options);
  return { found, builders, lines: lines.toArray() };
}

async function restoreLost(path: string, all: CellColumnBuilder[], lost: CellColumnBuilder[], options: ParseOptions & { readonly isMissing: (trimmed: string) => boolean }): Promise<void> {
  const index = lost.map((b) => all.indexOf(b));
  const cells = lost.map((b) => new Array<string | null>(b.lostRows));
  const upTo = Math.max(...lost.map((b) => b.lostRows));
  let row = 0;
  await parseDelimitedFile(path, {
    header: () => {},
    row: (fields) => {
      if (row < upTo) {
        for (let k = 0; k < index.length; k++) {
          if (row >= lost[k].lostRows) continue;
          const cell = fields[index[k]].trim();
          cells[k][row] = options.isMissing(cell) ? null : cell;
        }
      }
      row++;
    },
  }, options);
  lost.forEach((b, k) => b.restoreStrings(cells[k]));
}
