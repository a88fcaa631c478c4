import { Frame, type ReadOptions } from '@autopipe/core';
import { DuckColumns } from './duckdb-columns.js';
import { duckSource, NotForDuckDb } from './duckdb-source.js';
import { isPlainText } from './text-file-check.js';

/**
 * Reads a whole delimited file through DuckDB into the same frame the csv-parse reader builds. Throws when
 * it cannot promise that (see `duckSource`, `DuckCsv`) — including for every malformed input — and the
 * caller then reads with csv-parse, which also gives the usual error messages. The UTF-8 check runs over
 * the file alongside DuckDB.
 */
export async function readWithDuckDb(path: string, source: string, delimiter: string, options: ReadOptions): Promise<Frame> {
  const types = options.types ?? {};
  const src = await duckSource(path, source, delimiter, options.missing, types);
  const clean = isPlainText(path, source, delimiter);
  const csv = await src.open('rejects');
  const columns = new DuckColumns(src.names, csv, src.isMissing, src.expectedRows, !src.datetimeMarker);
  // The next chunk is asked for before this one is taken in: DuckDB parses on while our side works.
  let pending = csv.next();
  try {
    for (let chunk = await pending; chunk; chunk = await pending) {
      pending = csv.next();
      columns.add(chunk, 0, chunk.rowCount);
    }
    await csv.verify();
  } finally {
    await pending.catch(() => null);
    csv.close();
  }
  if (!(await clean)) throw new NotForDuckDb('not UTF-8 text, or a quote spaced off its field boundary');
  if (columns.rows === 0) throw new NotForDuckDb('no data rows');
  return Frame.fromColumns(columns.finish({ source }, (name) => types[name], true));
}
