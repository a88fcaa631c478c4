/**
 * Cell values read as missing unless `ReadOptions.missing` replaces the list. Cells are compared after trimming,
 * so the empty string also covers whitespace-only cells.
 */
export const DEFAULT_MISSING: readonly string[] = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?'];

/** Returns a test for "this (untrimmed) cell is missing", using `markers` or the defaults. */
export function missingTest(markers: readonly string[] = DEFAULT_MISSING): (trimmed: string) => boolean {
  const set = new Set(markers.map((m) => m.trim()));
  return (trimmed) => set.has(trimmed);
}
