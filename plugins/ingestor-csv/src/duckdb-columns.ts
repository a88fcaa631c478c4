import type { DuckDBDataChunk } from '@duckdb/node-api';
import type { ColumnType, NamedColumn } from '@autopipe/core';
import { columnFromNumbers, type CellLocator } from '@autopipe/ingest';
import { ChunkVectors } from './duckdb-chunk.js';
import { TextCells } from './duckdb-vectors.js';
import { NumberBuffer } from './number-buffer.js';
import { TextColumn } from './text-column.js';

/**
 * The columns of one frame (a whole file, or one batch of a stream) filled from DuckDB chunks: DOUBLE
 * columns are copied into Float64Arrays with no per-cell work, text columns go through `TextCells` into `TextColumn`.
 */
export class DuckColumns {
  private readonly numbers: (NumberBuffer | null)[];
  private readonly texts: (TextColumn | null)[];
  private readonly decoders: (TextCells | null)[];
  /** Index of each column's first vector in a chunk, and how many it has (see `DuckCsv.parts`). */
  private readonly first: number[];
  private readonly parts: readonly number[];
  rows = 0;

  constructor(
    private readonly names: readonly string[],
    { numeric, parts }: { readonly numeric: readonly boolean[]; readonly parts: readonly number[] },
    isMissing: (trimmed: string) => boolean,
    /** Rows the frame is expected to have, to size the numeric columns. */
    expectedRows: number,
    /** Whether `YYYY-MM-DD HH:MM` cells may be handed out already normalized (see `TextCells`). */
    datetimes = false,
  ) {
    this.parts = parts;
    this.numbers = numeric.map((isNum) => (isNum ? new NumberBuffer(expectedRows) : null));
    this.texts = numeric.map((isNum, j) => (isNum ? null : new TextColumn(names[j], expectedRows)));
    this.decoders = numeric.map((isNum) => (isNum ? null : new TextCells(isMissing, datetimes)));
    let at = 0;
    this.first = parts.map((k) => (at += k) - k);
  }

  /** Appends rows [from, to) of `chunk`. */
  add(chunk: DuckDBDataChunk, from: number, to: number): void {
    const vectors = new ChunkVectors(chunk);
    for (let j = 0; j < this.names.length; j++) {
      const at = this.first[j];
      const numbers = this.numbers[j];
      if (numbers) {
        const { values, valid } = vectors.doubles(at);
        numbers.pushVector(values, valid, from, to);
      } else {
        const parts = Array.from({ length: this.parts[j] }, (_, k) => vectors.strings(at + k));
        this.decoders[j]!.read(parts, from, to, this.texts[j]!);
      }
    }
    this.rows += to - from;
  }

  /** The finished columns (see `TextColumn.finish` for `numbersFirst`); the builders start over empty. */
  finish(where: CellLocator, typeOf: (name: string) => ColumnType | undefined, numbersFirst: boolean): NamedColumn[] {
    this.rows = 0;
    return this.names.map((name, j) => {
      const numbers = this.numbers[j];
      if (numbers) {
        const { data, summary } = numbers.finish();
        return columnFromNumbers(name, data, where, typeOf(name), undefined, summary);
      }
      return this.texts[j]!.finish(where, typeOf(name), numbersFirst, this.decoders[j]!.dict);
    });
  }
}
