/**
 * Word-unigram vocabulary lookup for ASCII documents that builds no strings: tokens are hashed straight from the
 * document's char codes (lowercased on the fly) into an open-addressing table of the vocabulary. Transforming a
 * million short documents otherwise makes a lowercased copy, a token array and a string per token for each row.
 *
 * On ASCII text, `wordTokens` (lowercase, then runs of 2+ `[\p{L}\p{N}_]`) is exactly: runs of 2+ `[A-Za-z0-9_]`,
 * lowercased. A document with any other character is left to the general path (`scan` returns -1).
 */
export class AsciiVocabulary {
  private readonly table: Int32Array;
  private readonly mask: number;
  /** Vocabulary indices of the last scanned document's tokens, in order (repeats kept). */
  hits = new Int32Array(64);

  constructor(private readonly terms: readonly string[]) {
    let size = 16;
    while (size < terms.length * 2) size *= 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    terms.forEach((t, j) => {
      // A term with other characters can never be an ASCII document's token.
      if (!/^[a-z0-9_]{2,}$/.test(t)) return;
      let h = 0x811c9dc5;
      for (let k = 0; k < t.length; k++) h = Math.imul(h ^ t.charCodeAt(k), 16777619);
      let s = h & this.mask;
      while (this.table[s] >= 0) s = (s + 1) & this.mask;
      this.table[s] = j;
    });
  }

  /** Scans one non-empty document; returns how many `hits` it wrote, or -1 if it is not ASCII (nothing counted). */
  scan(doc: string): number {
    const len = doc.length;
    if (this.hits.length < (len >> 1) + 1) this.hits = new Int32Array(len);
    let n = 0;
    let start = -1;
    let h = 0x811c9dc5;
    for (let i = 0; i <= len; i++) {
      let c = i < len ? doc.charCodeAt(i) : 32;
      if (c >= 128) return -1;
      if (c >= 65 && c <= 90) c += 32;
      const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
      if (word) {
        if (start < 0) {
          start = i;
          h = 0x811c9dc5;
        }
        h = Math.imul(h ^ c, 16777619);
      } else if (start >= 0) {
        if (i - start >= 2) {
          const j = this.find(doc, start, i, h);
          if (j >= 0) this.hits[n++] = j;
        }
        start = -1;
      }
    }
    return n;
  }

  /** The vocabulary index of the lowercased doc[start, end), or -1. */
  private find(doc: string, start: number, end: number, h: number): number {
    const len = end - start;
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const j = this.table[s];
      if (j < 0) return -1;
      const t = this.terms[j];
      if (t.length !== len) continue;
      let k = 0;
      for (; k < len; k++) {
        let c = doc.charCodeAt(start + k);
        if (c >= 65 && c <= 90) c += 32;
        if (c !== t.charCodeAt(k)) break;
      }
      if (k === len) return j;
    }
  }
}
