/** Delimiters the sniffer chooses from, in tie-breaking order. */
export const CANDIDATE_DELIMITERS: readonly string[] = [',', ';', '\t', '|'];

/**
 * Picks the delimiter of delimited text from its header line: the candidate that occurs most often outside
 * double quotes. A header with none of them is a single column, read with `,`.
 */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(CANDIDATE_DELIMITERS.map((d) => [d, 0]));
  let i = skipBlankLines(text);
  let quoted = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [d, n] of counts) {
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

function skipBlankLines(text: string): number {
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') start = i + 1;
    else if (c !== '\r' && c !== ' ' && c !== '\t') break;
  }
  return start;
}
