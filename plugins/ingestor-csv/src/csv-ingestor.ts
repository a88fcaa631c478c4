import { Frame, inputError, type IngestorDefinition, type ReadOptions, type RunContext } from '@autopipe/core';
import { checkTypeOverrides, missingTest, sourceStat } from '@autopipe/ingest';
import { streamCsv } from './csv-stream.js';
import { chooseDelimiter, extensionOf, EXTENSIONS } from './delimiter.js';
import { readColumns } from './read-columns.js';

async function read(source: string, options: ReadOptions, ctx: RunContext): Promise<Frame> {
  const started = performance.now();
  const { path } = await sourceStat(source);
  const delimiter = await chooseDelimiter(path, source, options);
  const types = options.types ?? {};
  const { found, builders, lines } = await readColumns(path, { source, delimiter, isMissing: missingTest(options.missing), types });
  if (!found) throw inputError('EMPTY_FILE', `${source} is empty; pass a CSV file with a header row and at least one data row.`, { file: source });
  const names = builders.map((b) => b.name);
  checkTypeOverrides(names, types, source);
  if (lines.length === 0) throw inputError('NO_ROWS', `${source} has a header but no data rows; add rows below the header.`, { file: source });
  const where = { source, lineOf: (row: number) => lines[row] };
  const frame = Frame.fromColumns(builders.map((b) => b.finish(where, types[b.name])));
  ctx.logger.debug('csv read', { file: source, rows: frame.nrow, columns: frame.ncol, delimiter, ms: Math.round(performance.now() - started) });
  return frame;
}

/** Reads CSV, TSV and other delimited text into a frame, sniffing the delimiter and inferring column types. */
export const csvIngestor: IngestorDefinition = {
  kind: 'ingestor',
  key: 'csv',
  description: 'Delimited text (CSV, TSV, ;- or |-separated) with delimiter sniffing, missing markers and type inference.',
  extensions: EXTENSIONS,
  canRead: (source) => (EXTENSIONS as readonly string[]).includes(extensionOf(source)),
  read,
  stream: streamCsv,
};
