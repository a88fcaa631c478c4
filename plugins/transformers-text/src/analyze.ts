/** How documents become terms. */
export interface AnalyzerSpec {
  readonly analyzer: 'word' | 'char_wb';
  readonly ngramMin: number;
  readonly ngramMax: number;
}

// scikit-learn's default token pattern `(?u)\b\w\w+\b`: runs of two or more Unicode letters, digits or underscores.
const WORD = /[\p{L}\p{N}_]{2,}/gu;
const SPACES = /\s+/u;

/** Lowercased word tokens of a document. */
export function wordTokens(doc: string): string[] {
  return doc.toLowerCase().match(WORD) ?? [];
}

/** Word n-grams of lengths min..max, joined by one space, in scikit-learn's order (all unigrams, then bigrams, …). */
function wordNgrams(tokens: string[], min: number, max: number, out: string[]): void {
  if (min === 1) for (const t of tokens) out.push(t);
  for (let n = Math.max(2, min); n <= max; n++) {
    for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  }
}

/**
 * Character n-grams inside word boundaries, as scikit-learn's `char_wb`: each whitespace-separated word is padded
 * with one space on each side; a word shorter than n yields itself once. Works on code points, like Python.
 */
function charWbNgrams(doc: string, min: number, max: number, out: string[]): void {
  for (const word of doc.toLowerCase().split(SPACES)) {
    if (word === '') continue;
    const w = Array.from(` ${word} `);
    for (let n = min; n <= max; n++) {
      let offset = 0;
      out.push(w.slice(0, n).join(''));
      while (offset + n < w.length) {
        offset++;
        out.push(w.slice(offset, offset + n).join(''));
      }
      if (offset === 0) break;
    }
  }
}

/** Every term of a document (repeats kept, so counts are term frequencies); null and empty give none. */
export function analyze(doc: string | null, spec: AnalyzerSpec): string[] {
  const out: string[] = [];
  if (doc === null || doc === '') return out;
  if (spec.analyzer === 'word') wordNgrams(wordTokens(doc), spec.ngramMin, spec.ngramMax, out);
  else charWbNgrams(doc, spec.ngramMin, spec.ngramMax, out);
  return out;
}
