import { stat } from 'node:fs/promises';
import type { ColumnType } from '@autopipe/core';
import { DEFAULT_MISSING, missingTest, parseNumber } from '@autopipe/ingest';
import { head, HEAD_BYTES } from './delimiter.js';
import { DuckCsv, type DuckCsvOptions } from './duckdb-csv.js';
import { headerNames } from './header-names.js';
import { expectedRows } from './number-buffer.js';

/** A file DuckDB may read for us, with what both DuckDB paths (whole file, batches) need to know about it. */
export interface DuckSource {
  readonly names: readonly string[];
  /** Data rows the file is expected to hold (see `expectedRows`). */
  readonly expectedRows: number;
  readonly isMissing: (trimmed: string) => boolean;
  /** Whether some missing marker has the `YYYY-MM-DD HH:MM` shape (which turns off `TextCells`' datetime path). */
  readonly datetimeMarker: boolean;
  /**
   * Opens a query, `text` columns (positions) read as text besides those with a type override. A `rejects` query
   * (a whole-file read) lets DuckDB run ahead of the JS side (see `readAhead`); a `count` query (a stream, which exists
   * to bound memory) keeps DuckDB's default buffer.
   */
  open(check: DuckCsvOptions['check'], text?: ReadonlySet<number>): Promise<DuckCsv>;
}

/** Why DuckDB is not used for a file; the csv-parse reader then reads it (and reports any problem). */
export class NotForDuckDb extends Error {}

/**
 * Settles whether DuckDB can read `path` exactly as the csv-parse reader would, from what is known before
 * reading: a one-byte delimiter, a header of usable names (blank, repeated and unparseable headers are left to csv-parse, which
 * reports them), more than one column (DuckDB turns a blank line of a one-column file into a row), no
 * missing marker that is itself a number (DuckDB matches markers before trimming, so " -999" would be a
 * number to it and missing to us) and type overrides that name real columns.
 */
export async function duckSource(
  path: string,
  source: string,
  delimiter: string,
  missing: readonly string[] | undefined,
  types: Readonly<Record<string, ColumnType>>,
): Promise<DuckSource> {
  if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 0x7f) throw new NotForDuckDb('the delimiter is not one ASCII character');
  const markers = (missing ?? DEFAULT_MISSING).map((m) => m.trim());
  if (markers.some((m) => !Number.isNaN(parseNumber(m)))) throw new NotForDuckDb('a missing marker is a number');
  const start = await head(path, source);
  const names = headerNames(start, start.length < HEAD_BYTES, delimiter);
  if (!names) throw new NotForDuckDb('the header is not settled by its first 64 KiB, or has blank or repeated names');
  if (names.length < 2) throw new NotForDuckDb('one column');
  if (Object.keys(types).some((n) => !names.includes(n))) throw new NotForDuckDb('a type override names an unknown column');
  const overridden = names.flatMap((n, j) => (types[n] !== undefined ? [j] : []));
  const bytes = (await stat(path)).size;
  return {
    names,
    expectedRows: expectedRows(start, bytes),
    isMissing: missingTest(missing),
    datetimeMarker: markers.some((m) => /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(m)),
    async open(check, text = new Set<number>()) {
      const readAhead = check === 'rejects' ? readAheadBytes(bytes) : undefined;
      const csv = await DuckCsv.open(path, { delimiter, markers, check, readAhead, text: new Set([...text, ...overridden]) });
      if (csv.names.length !== names.length) {
        csv.close();
        throw new NotForDuckDb(`DuckDB sees ${csv.names.length} columns, the header has ${names.length}`);
      }
      return csv;
    },
  };
}

const MB = 1 << 20;

/**
 * The result DuckDB may hold ready for a whole-file read: three quarters of the file, from 64 MB up to 256 MB. DuckDB's
 * ordered streaming collector parks its parsing threads once this buffer is full and wakes them only when the JS side
 * has emptied it, so each park is a stretch where only one side works; a buffer close to the result's size parks them
 * rarely. The result of a 338 MB file is several hundred MB, so the cap bounds what DuckDB holds on top of our columns.
 */
export function readAheadBytes(fileBytes: number): number {
  return Math.min(256 * MB, Math.max(64 * MB, Math.round(fileBytes * 0.75)));
}
