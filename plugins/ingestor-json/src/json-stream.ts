import { Frame, inputError, type ReadOptions, type RunContext } from '@autopipe/core';
import { BatchTypes, checkBatchRows, checkTypeOverrides, missingTest, sourceStat } from '@autopipe/ingest';
import { jsonArrayChunks } from './read-json-array.js';
import { ndjsonChunks } from './read-ndjson.js';
import { RowColumns } from './row-columns.js';

/**
 * Reads JSON rows in frames of `batchRows` rows. NDJSON (`.ndjson`, `.jsonl`) is streamed line by line with
 * memory bounded by one batch and one 1 MiB chunk. A JSON array (`.json`) has no record boundaries, so it is
 * parsed whole first (memory grows with the file, as in `read`) and then handed out in batches; convert large
 * files to NDJSON. The first batch fixes the columns (the union of its keys, in first-seen order) and their
 * types unless given: a key that first appears in a later row is an error naming where, since the batches
 * already handed out cannot get a new column.
 */
export async function* streamJson(source: string, options: ReadOptions & { readonly batchRows: number }, ctx: RunContext, ndjson: boolean): AsyncGenerator<Frame> {
  const batchRows = checkBatchRows(options.batchRows, source);
  const { path, info } = await sourceStat(source);
  if (info.size === 0) throw inputError('EMPTY_FILE', `${source} is empty; pass a JSON array of objects or one JSON object per line.`, { file: source });
  const isMissing = missingTest(options.missing);
  const types = new BatchTypes(options.types);
  let columns = new RowColumns(isMissing);
  let names: string[] | null = null;
  let where = '';
  let firstRow = 0;
  const ready: Frame[] = [];

  const unknownKey = (key: string): never => {
    throw inputError('PARSE_ERROR', `${source} ${where}: key "${key}" first appears after the first ${firstRow} rows, which fixed the columns (${names!.join(', ')}); stream with a larger batch size, or put the key (with null) in an early row.`, { file: source, column: key });
  };
  const flush = () => {
    if (names === null) {
      names = columns.builders.map((b) => b.name);
      if (names.length === 0) throw inputError('NO_ROWS', `${source} has only empty objects, so no columns; give the rows keys.`, { file: source });
      checkTypeOverrides(names, options.types, source);
    }
    const at = { source, firstRow };
    const frame = Frame.fromColumns(columns.builders.map((b) => b.finish(at, types.typeOf(b.name))));
    types.note(frame);
    ready.push(frame);
    firstRow += frame.nrow;
    columns = new RowColumns(isMissing, names, unknownKey);
  };
  const add = (row: Record<string, unknown>, n: number) => {
    where = ndjson ? `line ${n}` : `element ${n}`;
    columns.add(row);
    if (columns.rows === batchRows) flush();
  };

  const chunks = ndjson ? ndjsonChunks(path, source, add) : jsonArrayChunks(source, add);
  try {
    while (!(await chunks.next()).done) {
      while (ready.length > 0) yield ready.shift()!;
    }
    if (columns.rows > 0) flush();
    if (firstRow === 0) throw inputError('NO_ROWS', `${source} has no rows; add at least one object.`, { file: source });
    while (ready.length > 0) yield ready.shift()!;
    ctx.logger.debug('json streamed', { file: source, format: ndjson ? 'ndjson' : 'json', rows: firstRow });
  } finally {
    await chunks.return(undefined);
  }
}
