import { parse } from 'csv-parse/sync';
import { inputError, isAutopipeError } from '@autopipe/core';
import { LineCounter } from './line-counter.js';

/** Parsed delimited text: trimmed header names and one array of trimmed cells (`null` = missing) per column. */
export interface ParsedTable {
  readonly header: readonly string[];
  readonly columns: readonly (string | null)[][];
  /** The 1-based source line where each data row starts. */
  readonly lines: readonly number[];
}

export interface ParseOptions {
  /** The file name used in messages. */
  readonly source: string;
  readonly delimiter: string;
  /** Whether a trimmed cell is a missing marker. */
  readonly isMissing: (trimmed: string) => boolean;
}

/**
 * Parses delimited text with csv-parse, filling columns as records arrive instead of keeping row arrays.
 * Header problems and ragged rows are reported by our own checks so messages name the line and column.
 */
export function parseDelimited(buf: Buffer, options: ParseOptions): ParsedTable {
  const { source, isMissing } = options;
  const counter = new LineCounter(buf);
  let header: string[] | null = null;
  let columns: (string | null)[][] = [];
  const lines: number[] = [];

  const onRecord = (record: string[], info: { bytes: number }): null => {
    const line = counter.nextRecordLine();
    counter.advanceTo(info.bytes);
    // csv-parse drops empty lines but not whitespace-only ones.
    if (record.length === 1 && record[0].trim() === '') return null;
    if (header === null) {
      header = checkHeader(record, source, line);
      columns = header.map(() => []);
      return null;
    }
    if (record.length !== header.length) {
      throw inputError(
        'RAGGED_ROW',
        `${source} line ${line}: found ${record.length} fields but the header has ${header.length}; fix the row, or quote fields that contain the delimiter "${printable(options.delimiter)}".`,
        { file: source, line, expected: header.length, found: record.length },
      );
    }
    for (let j = 0; j < record.length; j++) {
      const cell = record[j].trim();
      columns[j].push(isMissing(cell) ? null : cell);
    }
    lines.push(line);
    return null;
  };

  try {
    parse(buf, {
      delimiter: options.delimiter,
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      relax_column_count: true,
      // Stray quotes inside unquoted fields (12" pizza) are common in real files; read them literally.
      relax_quotes: true,
      on_record: onRecord,
    });
  } catch (e) {
    if (isAutopipeError(e)) throw e;
    throw parseError(e, source, counter.nextRecordLine());
  }
  if (header === null) {
    throw inputError('EMPTY_FILE', `${source} has no header line; it contains only blank lines. Pass a CSV file with a header row.`, { file: source });
  }
  return { header, columns, lines };
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
