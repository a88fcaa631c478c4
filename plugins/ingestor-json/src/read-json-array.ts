import { inputError } from '@autopipe/core';
import { readSourceFile, TextChecker } from '@autopipe/ingest';
import { isRow, jsonSyntaxError, notAnObject } from './json-error.js';
import type { RowColumns } from './row-columns.js';

// Elements handed to the sink between pauses of `jsonArrayChunks`.
const PAUSE_EVERY = 4096;

/**
 * Reads a JSON array of objects into `columns`. A JSON array has no record boundaries to stream on, so the
 * document is parsed whole with JSON.parse; use NDJSON for files too large for that.
 */
export async function readJsonArray(source: string, columns: RowColumns): Promise<void> {
  const chunks = jsonArrayChunks(source, (row) => columns.add(row));
  while (!(await chunks.next()).done);
}

/**
 * Parses a JSON array whole (see `readJsonArray`), then hands its objects to `add` one by one, pausing every few
 * thousand so a streaming caller can hand out finished batches: the parsed document is the only thing held
 * whole, and each element is released once added.
 */
export async function* jsonArrayChunks(source: string, add: (row: Record<string, unknown>, element: number) => void): AsyncGenerator<void> {
  const buf = await readSourceFile(source);
  const checker = new TextChecker(source);
  checker.check(buf);
  checker.end();
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw jsonSyntaxError(e, source, text, 1);
  }
  if (!Array.isArray(doc)) {
    throw inputError('PARSE_ERROR', `${source}: expected a JSON array of objects ([{"column": value, ...}, ...]), found ${doc === null ? 'null' : typeof doc}; wrap the rows in [ ], or use .ndjson for one object per line.`, { file: source });
  }
  for (let i = 0; i < doc.length; i++) {
    const row: unknown = doc[i];
    if (!isRow(row)) throw notAnObject(source, `element ${i + 1}`, row);
    add(row, i + 1);
    // Let the parsed row go as soon as it is in the columns.
    doc[i] = undefined;
    if ((i + 1) % PAUSE_EVERY === 0) yield;
  }
}
