import { Frame, type ReadOptions } from '@autopipe/core';
import { BatchTypes } from '@autopipe/ingest';
import { DuckColumns } from './duckdb-columns.js';
import type { DuckCsv } from './duckdb-csv.js';
import { duckSource, NotForDuckDb, type DuckSource } from './duckdb-source.js';
import { isPlainText } from './text-file-check.js';

/**
 * `stream` through DuckDB: frames of `batchRows` rows equal to the csv-parse batches. That reader keeps every
 * cell as text within a batch, so a DOUBLE column whose first batch is typed id or constant (stored as text)
 * is read again as text from the start. Throws (before or between batches) when csv-parse must take over;
 * the caller resumes with it after the batches already handed out. The UTF-8 check covers the whole file
 * before the first batch goes out.
 */
export async function* streamWithDuckDb(path: string, source: string, delimiter: string, options: ReadOptions, batchRows: number): AsyncGenerator<Frame> {
  const given = options.types ?? {};
  const src = await duckSource(path, source, delimiter, options.missing, given);
  const clean = isPlainText(path, source, delimiter);
  const types = new BatchTypes(given);
  let firstRow = 0;
  const next = (columns: DuckColumns) => Frame.fromColumns(columns.finish({ source, firstRow }, (name) => types.typeOf(name), false));

  let run = await Run.start(src, new Set(), batchRows);
  try {
    let frame = next(run.columns);
    const text = new Set(src.names.flatMap((name, j) => (run.csv.numeric[j] && frame.schema[j].type !== 'numeric' ? [j] : [])));
    if (text.size > 0) {
      run.close();
      run = await Run.start(src, text, batchRows);
      frame = next(run.columns);
    }
    if (!(await clean)) throw new NotForDuckDb('not UTF-8 text, or a quote spaced off its field boundary');
    for (;;) {
      types.note(frame);
      yield frame;
      firstRow += frame.nrow;
      if (!(await run.fill())) break;
      frame = next(run.columns);
    }
  } finally {
    run.close();
  }
}

/** One query and the batch being filled from it; a chunk that straddles two batches is kept for the next. */
class Run {
  private chunk: Awaited<ReturnType<DuckCsv['next']>> = null;
  private at = 0;

  private constructor(
    readonly csv: DuckCsv,
    readonly columns: DuckColumns,
    private readonly batchRows: number,
  ) {}

  /** Opens the query and fills the first batch (which must have rows). */
  static async start(src: DuckSource, text: ReadonlySet<number>, batchRows: number): Promise<Run> {
    const csv = await src.open('count', text);
    const run = new Run(csv, new DuckColumns(src.names, csv, src.isMissing, Math.min(batchRows, src.expectedRows), !src.datetimeMarker), batchRows);
    try {
      if (!(await run.fill())) throw new NotForDuckDb('no data rows');
    } catch (e) {
      csv.close();
      throw e;
    }
    return run;
  }

  /** Fills the next batch; false when the file had no rows left. */
  async fill(): Promise<boolean> {
    const { columns, batchRows } = this;
    while (columns.rows < batchRows) {
      if (!this.chunk || this.at === this.chunk.rowCount) {
        this.chunk = await this.csv.next();
        this.at = 0;
        if (!this.chunk) {
          await this.csv.verify();
          break;
        }
      }
      const to = Math.min(this.chunk.rowCount, this.at + batchRows - columns.rows);
      columns.add(this.chunk, this.at, to);
      this.at = to;
    }
    return columns.rows > 0;
  }

  close(): void {
    this.csv.close();
  }
}
