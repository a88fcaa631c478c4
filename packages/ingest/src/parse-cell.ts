/**
 * Cell parsers shared by every ingestor. A cell is a trimmed, non-missing string; each parser returns NaN
 * when the cell is not of its kind, so callers test with `Number.isNaN` and never allocate.
 */

/** Parses plain decimal or scientific notation as a finite number ("1,5", "0x10", "Infinity", "1_000" → NaN). */
export function parseNumber(cell: string): number {
  const n = cell.length;
  if (n === 0) return NaN;
  // Number() accepts hex, binary, octal, Infinity and surrounding whitespace; a character whitelist rules those
  // out, and Number() itself rejects the malformed arrangements ("1.2.3", "--1", "1e"). Faster than a regex.
  for (let i = 0; i < n; i++) {
    const c = cell.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69)) return NaN;
  }
  const x = Number(cell);
  return Number.isFinite(x) ? x : NaN;
}

/** Parses `true`/`false` (any case) as 1/0, or returns NaN. */
export function parseBoolean(cell: string): number {
  const n = cell.length;
  if (n === 4) return cell === 'true' || cell.toLowerCase() === 'true' ? 1 : NaN;
  if (n === 5) return cell === 'false' || cell.toLowerCase() === 'false' ? 0 : NaN;
  return NaN;
}

// 1/0 and yes/no are accepted only when the user asks for boolean: inference keeps 0/1 numeric.
const BOOLEAN_WORDS: Readonly<Record<string, number>> = { '1': 1, '0': 0, yes: 1, no: 0 };

/** `parseBoolean` plus 1/0 and yes/no, for columns the user declared boolean. */
export function parseLooseBoolean(cell: string): number {
  const b = parseBoolean(cell);
  return Number.isNaN(b) ? (BOOLEAN_WORDS[cell.toLowerCase()] ?? NaN) : b;
}
