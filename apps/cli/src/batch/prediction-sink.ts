import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { OutputColumn } from './prediction-columns.js';

/**
 * Where streamed predictions go. Batches are written as they come; nothing is visible at the destination until
 * `commit` (a file renamed into place, a table swapped in within one transaction), and `abort` removes every
 * trace of a failed run, leaving any previous output as it was.
 */
export interface PredictionSink {
  /** What the destination is called in messages. */
  readonly display: string;
  write(columns: readonly OutputColumn[]): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** A hidden temp path beside `path` (same directory, so the final rename cannot cross file systems). */
export function tempBeside(path: string, suffix = ''): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}${suffix}`);
}

/** A unique name for the staging table of a SQL sink. */
export function stagingName(table: string): string {
  return `${table}__autopipe_tmp_${process.pid}_${randomBytes(4).toString('hex')}`;
}
