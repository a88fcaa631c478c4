import { extname } from 'node:path';
import { Frame, inputError, type ColumnType, type IngestorDefinition, type NamedColumn, type ReadOptions, type RunContext } from '@autopipe/core';
import { inferType } from './infer-types.js';
import { missingTest } from './missing.js';
import { parseDelimited, type ParsedTable } from './parse-delimited.js';
import { readSourceFile } from './read-file.js';
import { sniffDelimiter } from './sniff-delimiter.js';
import { toColumn } from './to-column.js';

const EXTENSIONS = ['csv', 'tsv', 'txt'] as const;

// Enough of the file to hold any realistic header line for sniffing.
const SNIFF_BYTES = 64 * 1024;

/** The extension of a path or `file:` URL, lower-cased and without the dot. */
function extensionOf(source: string): string {
  const path = /^file:/i.test(source) ? source.replace(/[?#].*$/, '') : source;
  return extname(path).slice(1).toLowerCase();
}

function chooseDelimiter(buf: Buffer, source: string, options: ReadOptions): string {
  if (options.delimiter !== undefined) {
    if (options.delimiter === '' || /[\r\n"]/.test(options.delimiter)) {
      throw inputError('INVALID_ARGUMENT', `Delimiter ${JSON.stringify(options.delimiter)} for ${source} is not usable; pass a character such as "," ";" "\\t" or "|".`, { file: source });
    }
    return options.delimiter;
  }
  if (extensionOf(source) === 'tsv') return '\t';
  return sniffDelimiter(buf.subarray(0, SNIFF_BYTES).toString('utf8').replace(/^\uFEFF/, ''));
}

function isBlank(buf: Buffer): boolean {
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  for (let i = start; i < buf.length; i++) {
    const b = buf[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return true;
}

function checkOverrides(table: ParsedTable, types: Readonly<Record<string, ColumnType>>, source: string): void {
  const known = new Set(table.header);
  const unknown = Object.keys(types).filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw inputError(
      'UNKNOWN_COLUMN',
      `Type overrides name ${unknown.map((n) => `"${n}"`).join(', ')}, not in ${source}; its columns are: ${table.header.join(', ')}.`,
      { file: source, columns: unknown },
    );
  }
}

async function read(source: string, options: ReadOptions, ctx: RunContext): Promise<Frame> {
  const started = performance.now();
  const buf = await readSourceFile(source);
  if (isBlank(buf)) throw inputError('EMPTY_FILE', `${source} is empty; pass a CSV file with a header row and at least one data row.`, { file: source });
  const delimiter = chooseDelimiter(buf, source, options);
  const table = parseDelimited(buf, { source, delimiter, isMissing: missingTest(options.missing) });
  if (table.lines.length === 0) {
    throw inputError('NO_ROWS', `${source} has a header but no data rows; add rows below the header.`, { file: source });
  }
  const types = options.types ?? {};
  checkOverrides(table, types, source);
  const where = { source, lineOf: (row: number) => table.lines[row] };
  const columns: NamedColumn[] = table.header.map((name, j) => {
    const values = table.columns[j];
    const type = types[name] ?? inferType(values);
    return { schema: { name, type }, data: toColumn(name, values, type, where) };
  });
  const frame = Frame.fromColumns(columns);
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
