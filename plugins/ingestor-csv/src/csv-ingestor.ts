import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { Frame, inputError, type IngestorDefinition, type ReadOptions, type RunContext } from '@autopipe/core';
import { checkTypeOverrides, fileError, missingTest, sourceStat } from '@autopipe/ingest';
import { readColumns } from './read-columns.js';
import { sniffDelimiter } from './sniff-delimiter.js';

const EXTENSIONS = ['csv', 'tsv', 'txt'] as const;

// Enough of the file to hold any realistic header line for sniffing.
const SNIFF_BYTES = 64 * 1024;

/** The extension of a path or `file:` URL, lower-cased and without the dot. */
function extensionOf(source: string): string {
  const path = /^file:/i.test(source) ? source.replace(/[?#].*$/, '') : source;
  return extname(path).slice(1).toLowerCase();
}

async function head(path: string, source: string): Promise<Buffer> {
  try {
    const fd = await open(path, 'r');
    try {
      const buf = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await fd.read(buf, 0, SNIFF_BYTES, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fd.close();
    }
  } catch (e) {
    throw fileError(e, source);
  }
}

async function chooseDelimiter(path: string, source: string, options: ReadOptions): Promise<string> {
  if (options.delimiter !== undefined) {
    if (options.delimiter === '' || /[\r\n"]/.test(options.delimiter)) {
      throw inputError('INVALID_ARGUMENT', `Delimiter ${JSON.stringify(options.delimiter)} for ${source} is not usable; pass a character such as "," ";" "\\t" or "|".`, { file: source });
    }
    return options.delimiter;
  }
  if (extensionOf(source) === 'tsv') return '\t';
  return sniffDelimiter((await head(path, source)).toString('utf8').replace(/^\uFEFF/, ''));
}

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
};
