/**
 * Cell values read as missing unless `ReadOptions.missing` replaces the list. Cells are compared after trimming,
 * so the empty string also covers whitespace-only cells.
 */
export const DEFAULT_MISSING: readonly string[] = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?'];

/** Returns a test for "this trimmed cell is missing", using `markers` or the defaults. */
export function missingTest(markers: readonly string[] = DEFAULT_MISSING): (trimmed: string) => boolean {
  const set = new Set(markers.map((m) => m.trim()));
  const empty = set.has('');
  // Called on every cell: most cells (numbers, words) differ from every marker in their first character.
  const first = new Uint8Array(65536);
  for (const m of set) if (m.length > 0) first[m.charCodeAt(0)] = 1;
  return (trimmed) => (trimmed.length === 0 ? empty : first[trimmed.charCodeAt(0)] === 1 && set.has(trimmed));
}
