import { extname } from 'node:path';
import { tableFromIPC, type Table } from '@uwdata/flechette';
import { Frame, inputError, type IngestorDefinition, type ReadOptions, type RunContext } from '@autopipe/core';
import { checkTypeOverrides, missingTest, readSourceFile } from '@autopipe/ingest';
import { arrowColumn } from './arrow-column.js';

const EXTENSIONS = ['arrow', 'feather', 'ipc'] as const;

function extensionOf(source: string): string {
  const path = /^file:/i.test(source) ? source.replace(/[?#].*$/, '') : source;
  return extname(path).slice(1).toLowerCase();
}

function decode(buf: Buffer, source: string): Table {
  try {
    return tableFromIPC(buf);
  } catch (e) {
    const reason = String((e as Error).message ?? e).split('\n')[0];
    throw inputError('PARSE_ERROR', `${source} is not a readable Arrow IPC file or stream (${reason}); check that the file is complete and was written as Arrow IPC/Feather v2.`, { file: source });
  }
}

async function read(source: string, options: ReadOptions, ctx: RunContext): Promise<Frame> {
  const started = performance.now();
  // Arrow IPC is read from one buffer; flechette then decodes columns without copying numeric data.
  const buf = await readSourceFile(source);
  if (buf.length === 0) throw inputError('EMPTY_FILE', `${source} is empty; pass an Arrow IPC file.`, { file: source });
  const table = decode(buf, source);
  const names = table.names;
  if (names.length === 0) throw inputError('NO_ROWS', `${source} has no columns; write the table with at least one column.`, { file: source });
  if (table.numRows === 0) throw inputError('NO_ROWS', `${source} has no rows; add at least one row.`, { file: source });
  const types = options.types ?? {};
  checkTypeOverrides(names, types, source);
  const isMissing = missingTest(options.missing);
  const where = { source };
  const frame = Frame.fromColumns(names.map((name, j) => arrowColumn(name, table.getChildAt(j)!, where, isMissing, types[name])));
  ctx.logger.debug('arrow read', { file: source, rows: frame.nrow, columns: frame.ncol, ms: Math.round(performance.now() - started) });
  return frame;
}

/** Reads Apache Arrow IPC files and streams (`.arrow`, `.feather` v2, `.ipc`) with @uwdata/flechette. */
export const arrowIngestor: IngestorDefinition = {
  kind: 'ingestor',
  key: 'arrow',
  description: 'Apache Arrow IPC files and streams (.arrow, .feather v2, .ipc) via @uwdata/flechette.',
  extensions: EXTENSIONS,
  canRead: (source) => (EXTENSIONS as readonly string[]).includes(extensionOf(source)),
  read,
};
