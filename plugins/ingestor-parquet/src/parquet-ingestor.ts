import { extname } from 'node:path';
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { Frame, inputError, type IngestorDefinition, type ReadOptions, type RunContext } from '@autopipe/core';
import { checkTypeOverrides, fileError, missingTest, sourceStat } from '@autopipe/ingest';
import { kindOf, ParquetColumn } from './parquet-column.js';
import { parseError } from './parquet-error.js';
import { streamParquet } from './parquet-stream.js';

const EXTENSIONS = ['parquet', 'pq'] as const;

function extensionOf(source: string): string {
  const path = /^file:/i.test(source) ? source.replace(/[?#].*$/, '') : source;
  return extname(path).slice(1).toLowerCase();
}

async function open(source: string): Promise<{ file: AsyncBuffer; metadata: FileMetaData }> {
  const { path, info } = await sourceStat(source);
  if (info.size === 0) throw inputError('EMPTY_FILE', `${source} is empty; pass a Parquet file.`, { file: source });
  // hyparquet loads on first use: every CLI command registers this plugin, few read Parquet.
  const { asyncBufferFromFile, parquetMetadataAsync } = await import('hyparquet');
  let file: AsyncBuffer;
  try {
    file = await asyncBufferFromFile(path);
  } catch (e) {
    throw fileError(e, source);
  }
  try {
    return { file, metadata: await parquetMetadataAsync(file) };
  } catch (e) {
    throw parseError(e, source);
  }
}

async function read(source: string, options: ReadOptions, ctx: RunContext): Promise<Frame> {
  const started = performance.now();
  const { file, metadata } = await open(source);
  const { parquetRead, parquetSchema } = await import('hyparquet');
  const rows = Number(metadata.num_rows);
  const top = parquetSchema(metadata).children;
  const names = top.map((c) => c.element.name);
  if (names.length === 0) throw inputError('NO_ROWS', `${source} has no columns; write the table with at least one column.`, { file: source });
  if (rows === 0) throw inputError('NO_ROWS', `${source} has no rows; add at least one row.`, { file: source });
  const types = options.types ?? {};
  checkTypeOverrides(names, types, source);
  const columns = new Map(top.map((c) => {
    const el = c.element;
    const utc = el.logical_type?.type === 'TIMESTAMP' && el.logical_type.isAdjustedToUTC;
    return [el.name, new ParquetColumn(el.name, kindOf(el, c.children.length === 0), utc, rows)] as const;
  }));
  const isMissing = missingTest(options.missing);
  try {
    // onChunk without onComplete: hyparquet decodes column chunks and never assembles rows.
    await parquetRead({
      file,
      metadata,
      onChunk: ({ columnName, columnData, rowStart }) => columns.get(columnName)?.fill(columnData, rowStart, isMissing),
    });
  } catch (e) {
    throw parseError(e, source);
  }
  const where = { source };
  const frame = Frame.fromColumns(names.map((n) => columns.get(n)!.finish(where, types[n])));
  ctx.logger.debug('parquet read', { file: source, rows: frame.nrow, columns: frame.ncol, ms: Math.round(performance.now() - started) });
  return frame;
}

/** Reads Apache Parquet files with hyparquet (pure JavaScript; snappy or uncompressed). */
export const parquetIngestor: IngestorDefinition = {
  kind: 'ingestor',
  key: 'parquet',
  description: 'Apache Parquet files (.parquet) via hyparquet, column chunk by column chunk.',
  extensions: EXTENSIONS,
  canRead: (source) => (EXTENSIONS as readonly string[]).includes(extensionOf(source)),
  read,
  stream: streamParquet,
};
