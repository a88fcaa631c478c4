import { inputError, type ColumnType, type Frame } from '@autopipe/core';

/** Rows per batch when a caller streams without saying. */
export const DEFAULT_BATCH_ROWS = 50_000;

/**
 * Keeps the column types of a streamed source the same from batch to batch: a type the caller gives wins; any
 * other column takes the type inferred from the first batch, and later batches are built with it as an override
 * (so a cell that does not fit it fails with the usual conversion error naming the line, rather than changing
 * the column's type halfway through the stream).
 */
export class BatchTypes {
  private fixed: Record<string, ColumnType> | null = null;

  constructor(private readonly given: Readonly<Record<string, ColumnType>> = {}) {}

  /** The type to build column `name` of the next batch with, or undefined to infer it (first batch only). */
  typeOf(name: string): ColumnType | undefined {
    return this.given[name] ?? this.fixed?.[name];
  }

  /** Whether every column of the next batch has a known type. */
  get settled(): boolean {
    return this.fixed !== null;
  }

  /** Records the types of a finished batch; only the first one counts. */
  note(frame: Frame): void {
    if (this.fixed) return;
    this.fixed = Object.fromEntries(frame.schema.map((c) => [c.name, c.type]));
  }
}

/** Checks a requested batch size: a positive integer. */
export function checkBatchRows(batchRows: number, source: string): number {
  if (!Number.isInteger(batchRows) || batchRows < 1) {
    throw inputError('INVALID_ARGUMENT', `Batch size ${batchRows} for ${source} is not usable; pass a whole number of rows of at least 1 (e.g. 50000).`, { source, batchRows });
  }
  return batchRows;
}
