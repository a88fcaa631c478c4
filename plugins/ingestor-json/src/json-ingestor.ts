import { extname } from 'node:path';
import { Frame, inputError, type IngestorDefinition, type ReadOptions, type RunContext } from '@autopipe/core';
import { checkTypeOverrides, missingTest, sourceStat } from '@autopipe/ingest';
import { streamJson } from './json-stream.js';
import { readJsonArray } from './read-json-array.js';
import { readNdjson } from './read-ndjson.js';
import { RowColumns } from './row-columns.js';

const EXTENSIONS = ['json', 'ndjson', 'jsonl'] as const;

function extensionOf(source: string): string {
  const path = /^file:/i.test(source) ? source.replace(/[?#].*$/, '') : source;
  return extname(path).slice(1).toLowerCase();
}

async function read(source: string, options: ReadOptions, ctx: RunContext): Promise<Frame> {
  const started = performance.now();
  const { path, info } = await sourceStat(source);
  if (info.size === 0) throw inputError('EMPTY_FILE', `${source} is empty; pass a JSON array of objects or one JSON object per line.`, { file: source });
  const columns = new RowColumns(missingTest(options.missing));
  const ndjson = extensionOf(source) !== 'json';
  if (ndjson) await readNdjson(path, source, columns);
  else await readJsonArray(source, columns);
  if (columns.rows === 0) throw inputError('NO_ROWS', `${source} has no rows; add at least one object.`, { file: source });
  if (columns.builders.length === 0) throw inputError('NO_ROWS', `${source} has only empty objects, so no columns; give the rows keys.`, { file: source });
  const names = columns.builders.map((b) => b.name);
  const types = options.types ?? {};
  checkTypeOverrides(names, types, source);
  const where = { source };
  const frame = Frame.fromColumns(columns.builders.map((b) => b.finish(where, types[b.name])));
  ctx.logger.debug('json read', { file: source, format: ndjson ? 'ndjson' : 'json', rows: frame.nrow, columns: frame.ncol, ms: Math.round(performance.now() - started) });
  return frame;
}

/** Reads JSON arrays of objects (`.json`) and newline-delimited JSON (`.ndjson`, `.jsonl`, streamed). */
export const jsonIngestor: IngestorDefinition = {
  kind: 'ingestor',
  key: 'json',
  description: 'JSON arrays of objects (.json) and newline-delimited JSON (.ndjson, .jsonl, streamed); heterogeneous keys become missing cells.',
  extensions: EXTENSIONS,
  canRead: (source) => (EXTENSIONS as readonly string[]).includes(extensionOf(source)),
  read,
  stream: (source, options, ctx) => streamJson(source, options, ctx, extensionOf(source) !== 'json'),
};
