import { Frame, inputError, type IngestorDefinition, type ReadOptions, type RunContext } from '@autopipe/core';
import { checkTypeOverrides, missingTest, sourceStat } from '@autopipe/ingest';
import { streamCsv } from './csv-stream.js';
import { chooseDelimiter, extensionOf, EXTENSIONS } from './delimiter.js';
import { readWithDuckDb } from './duckdb-read.js';
import { reason, usesDuckDb, type CsvEngine } from './engine.js';
import { readColumns } from './read-columns.js';

async function read(source: string, options: ReadOptions, ctx: RunContext, engine: CsvEngine): Promise<Frame> {
  const started = performance.now();
  const { path, info } = await sourceStat(source);
  const delimiter = await chooseDelimiter(path, source, options);
  if (usesDuckDb(engine, info.size)) {
    try {
      const frame = await readWithDuckDb(path, source, delimiter, options);
      ctx.logger.debug('csv read', { file: source, rows: frame.nrow, columns: frame.ncol, delimiter, engine: 'duckdb', ms: Math.round(performance.now() - started) });
      return frame;
    } catch (e) {
      ctx.logger.debug('csv: DuckDB cannot read this file, using csv-parse', { file: source, reason: reason(e) });
    }
  }
  const types = options.types ?? {};
  const { found, builders, lines } = await readColumns(path, { source, delimiter, isMissing: missingTest(options.missing), types });
  if (!found) throw inputError('EMPTY_FILE', `${source} is empty; pass a CSV file with a header row and at least one data row.`, { file: source });
  const names = builders.map((b) => b.name);
  checkTypeOverrides(names, types, source);
  if (lines.length === 0) throw inputError('NO_ROWS', `${source} has a header but no data rows; add rows below the header.`, { file: source });
  const where = { source, lineOf: (row: number) => lines[row] };
  const frame = Frame.fromColumns(builders.map((b) => b.finish(where, types[b.name])));
  ctx.logger.debug('csv read', { file: source, rows: frame.nrow, columns: frame.ncol, delimiter, engine: 'csv-parse', ms: Math.round(performance.now() - started) });
  return frame;
}

/**
 * The `csv` ingestor reading with a given engine (see `CsvEngine`); the registered one is `auto`. Every
 * engine gives the same frames and errors: the others exist for benchmarks and equivalence tests.
 */
export function csvIngestorWith(engine: CsvEngine): IngestorDefinition {
  return {
    kind: 'ingestor',
    key: 'csv',
    description: 'Delimited text (CSV, TSV, ;- or |-separated) with delimiter sniffing, missing markers and type inference.',
    extensions: EXTENSIONS,
    canRead: (source) => (EXTENSIONS as readonly string[]).includes(extensionOf(source)),
    read: (source, options, ctx) => read(source, options, ctx, engine),
    stream: (source, options, ctx) => streamCsv(source, options, ctx, engine),
  };
}

/** Reads CSV, TSV and other delimited text into a frame, sniffing the delimiter and inferring column types. */
export const csvIngestor: IngestorDefinition = csvIngestorWith('auto');
