import { parse } from 'csv-parse/sync';

/**
 * The trimmed column names of a delimited file's header, parsed from the start of the file (`head`, which is
 * the whole file when `whole`) as the streaming reader would, or null when they cannot be settled from it (a
 * header running past the end of `head`) or are not usable names (blank or repeated: the full reader reports
 * those). DuckDB renames such columns silently, so the DuckDB path takes its names from here, not from DuckDB.
 */
export function headerNames(head: Buffer, whole: boolean, delimiter: string): string[] | null {
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(head, {
      delimiter,
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      to: 1,
      info: true,
    }) as unknown as { record: string[]; info: { bytes: number } }[];
  } catch {
    return null;
  }
  if (records.length === 0) return null;
  // A record that ends where `head` ends may go on in the rest of the file.
  if (!whole && records[0].info.bytes >= head.length) return null;
  const names = records[0].record.map((n) => n.trim());
  if (names.some((n) => n === '') || new Set(names).size !== names.length) return null;
  return names;
}
