import { Frame, inputError, type ReadOptions, type RunContext } from '@autopipe/core';
import { BatchTypes, CellColumnBuilder, checkBatchRows, checkTypeOverrides, GrowableFloat64, missingTest, sourceStat } from '@autopipe/ingest';
import { chooseDelimiter } from './delimiter.js';
import { streamWithDuckDb } from './duckdb-stream.js';
import { reason, usesDuckDb, type CsvEngine } from './engine.js';
import { delimitedChunks } from './parse-delimited.js';
import { pushFields } from './read-columns.js';

/**
 * Reads a delimited file in frames of `batchRows` rows (the last one shorter) with the same parsing, missing
 * markers, checks and messages as `read`. Column types are fixed by the first batch unless given (see
 * `BatchTypes`). DuckDB reads large files (see `CsvEngine`); when it has to give up, csv-parse takes over
 * after the batches already handed out, so the caller sees one stream either way.
 */
export async function* streamCsv(
  source: string,
  options: ReadOptions & { readonly batchRows: number },
  ctx: RunContext,
  engine: CsvEngine = 'auto',
): AsyncGenerator<Frame> {
  const batchRows = checkBatchRows(options.batchRows, source);
  const { path, info } = await sourceStat(source);
  const delimiter = await chooseDelimiter(path, source, options);
  let handedOut = 0;
  if (usesDuckDb(engine, info.size)) {
    try {
      for await (const frame of streamWithDuckDb(path, source, delimiter, options, batchRows)) {
        yield frame;
        handedOut++;
      }
      ctx.logger.debug('csv streamed', { file: source, batches: handedOut, delimiter, engine: 'duckdb' });
      return;
    } catch (e) {
      ctx.logger.debug('csv: DuckDB cannot stream this file, using csv-parse', { file: source, after: handedOut, reason: reason(e) });
    }
  }
  let skip = handedOut;
  for await (const frame of csvParseBatches(path, source, delimiter, options, batchRows, ctx)) {
    if (skip > 0) skip--;
    else yield frame;
  }
}

/**
 * The csv-parse batches. Memory is one batch of cells plus one 1 MiB chunk of the file: the parser pauses
 * after each chunk while the batches it completed are handed out. Cells are kept as text until their batch
 * is finished (there is no second pass to recover text here).
 */
async function* csvParseBatches(path: string, source: string, delimiter: string, options: ReadOptions, batchRows: number, ctx: RunContext): AsyncGenerator<Frame> {
  const isMissing = missingTest(options.missing);
  const types = new BatchTypes(options.types);
  let builders: CellColumnBuilder[] = [];
  let lines = new GrowableFloat64();
  let firstRow = 0;
  const ready: Frame[] = [];

  const flush = () => {
    const batchLines = lines.toArray();
    const where = { source, lineOf: (row: number) => batchLines[row], firstRow };
    const frame = Frame.fromColumns(builders.map((b) => b.finish(where, types.typeOf(b.name))));
    types.note(frame);
    ready.push(frame);
    firstRow += frame.nrow;
    builders = builders.map((b) => new CellColumnBuilder(b.name, true));
    lines = new GrowableFloat64();
  };

  const chunks = delimitedChunks(path, {
    header: (names) => {
      checkTypeOverrides(names, options.types, source);
      builders = names.map((name) => new CellColumnBuilder(name, true));
    },
    row: (fields, line) => {
      pushFields(builders, fields, isMissing);
      lines.push(line);
      if (lines.length === batchRows) flush();
    },
  }, { source, delimiter });

  try {
    let step = await chunks.next();
    for (; !step.done; step = await chunks.next()) {
      while (ready.length > 0) yield ready.shift()!;
    }
    if (!step.value) throw inputError('EMPTY_FILE', `${source} is empty; pass a CSV file with a header row and at least one data row.`, { file: source });
    if (lines.length > 0) flush();
    if (firstRow === 0) throw inputError('NO_ROWS', `${source} has a header but no data rows; add rows below the header.`, { file: source });
    while (ready.length > 0) yield ready.shift()!;
    ctx.logger.debug('csv streamed', { file: source, rows: firstRow, delimiter, engine: 'csv-parse' });
  } finally {
    await chunks.return(false);
  }
}
