import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { Parser } from 'csv-parse';
import { inputError, isAutopipeError } from '@autopipe/core';
import { fileError, TextChecker } from '@autopipe/ingest';
import { LineCounter } from './line-counter.js';

/** Receives a delimited file record by record: the header once, then each data row with its source line. */
export interface DelimitedSink {
  header(names: readonly string[], line: number): void;
  /** Raw (untrimmed) fields of one data row, already checked to match the header's length. */
  row(fields: readonly string[], line: number): void;
}

export interface ParseOptions {
  /** The file name used in messages. */
  readonly source: string;
  readonly delimiter: string;
}

// Big enough to amortize stream overhead, small enough that the file is never held in memory at once.
const CHUNK_BYTES = 1 << 20;

/**
 * Streams a delimited file through csv-parse, checking its bytes (UTF-8, not binary) as they arrive and handing
 * records to `sink` without keeping them. Header problems and ragged rows are reported by our own checks so
 * messages name the line and column. Returns whether a header was found.
 */
export async function parseDelimitedFile(path: string, sink: DelimitedSink, options: ParseOptions): Promise<boolean> {
  const chunks = delimitedChunks(path, sink, options);
  for (;;) {
    const step = await chunks.next();
    if (step.done) return step.value;
  }
}

/**
 * The same parse as `parseDelimitedFile`, pausing after each chunk of the file has gone through `sink` (whose
 * callbacks run synchronously inside the parser's write), so a caller can hand out what the sink collected
 * before more of the file is read. Returning early (e.g. `break` in `for await`) closes the file and the parser.
 */
export async function* delimitedChunks(path: string, sink: DelimitedSink, options: ParseOptions): AsyncGenerator<void, boolean> {
  const { source } = options;
  const counter = new LineCounter();
  const checker = new TextChecker(source);
  let width = -1;

  const onRecord = (record: string[], info: { bytes: number }): null => {
    const line = counter.nextRecordLine();
    counter.advanceTo(info.bytes);
    // csv-parse drops empty lines but not whitespace-only ones.
    if (record.length === 1 && record[0].trim() === '') return null;
    if (width < 0) {
      const names = checkHeader(record, source, line);
      width = names.length;
      sink.header(names, line);
      return null;
    }
    if (record.length !== width) {
      throw inputError(
        'RAGGED_ROW',
        `${source} line ${line}: found ${record.length} fields but the header has ${width}; fix the row, or quote fields that contain the delimiter "${printable(options.delimiter)}".`,
        { file: source, line, expected: width, found: record.length },
      );
    }
    sink.row(record, line);
    return null;
  };

  const parser = new Parser({
    delimiter: options.delimiter,
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: true,
    relax_column_count: true,
    // Stray quotes inside unquoted fields (12" pizza) are common in real files; read them literally.
    relax_quotes: true,
    on_record: onRecord,
  });
  let failure: unknown = null;
  parser.on('error', (e) => (failure ??= e));
  const done = new Promise<void>((resolve) => parser.on('end', resolve).on('error', () => resolve()));
  parser.resume();

  try {
    const input = createReadStream(path, { highWaterMark: CHUNK_BYTES });
    try {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        if (failure) break;
        checker.check(chunk);
        counter.append(chunk);
        if (!parser.write(chunk)) await once(parser, 'drain');
        if (failure) break;
        yield;
      }
    } catch (e) {
      if (isAutopipeError(e)) throw e;
      throw fileError(e, source);
    }
    if (!failure) {
      checker.end();
      parser.end();
      await done;
    }
  } finally {
    if (!parser.writableEnded && !parser.destroyed) parser.destroy();
  }
  if (failure) {
    if (isAutopipeError(failure)) throw failure;
    throw parseError(failure, source, counter.nextRecordLine());
  }
  return width >= 0;
}

function checkHeader(record: readonly string[], source: string, line: number): string[] {
  const names = record.map((n) => n.trim());
  const seen = new Set<string>();
  names.forEach((name, j) => {
    if (name === '') {
      throw inputError('PARSE_ERROR', `${source} line ${line}: column ${j + 1} of the header has no name; give every column a name.`, { file: source, line, column: j + 1 });
    }
    if (seen.has(name)) {
      throw inputError('PARSE_ERROR', `${source} line ${line}: column name "${name}" appears twice in the header; rename one of them.`, { file: source, line, column: name });
    }
    seen.add(name);
  });
  return names;
}

function parseError(e: unknown, source: string, line: number) {
  const code = (e as { code?: string }).code;
  const what =
    code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field starting in this record is never closed; close the quote, or double quotes inside quoted fields ("")'
      : `the record cannot be parsed (${(e as Error).message}); check its quoting and delimiters`;
  return inputError('PARSE_ERROR', `${source} line ${line}: ${what}.`, { file: source, line, reason: code });
}

function printable(d: string): string {
  return d === '\t' ? '\\t' : d;
}
