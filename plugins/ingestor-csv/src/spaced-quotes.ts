const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * Finds a quote with spaces between it and the field boundary (`a, "b"` or `"b" ,c`), fed chunk by chunk.
 * DuckDB reads such a field as quoted (`b`); csv-parse, whose quotes only count right at the boundary, keeps it
 * as written (`"b"`), or splits it at a delimiter inside — so a file with one is left to csv-parse.
 */
export class SpacedQuotes {
  /** Spaces since the last boundary (delimiter, line break, start of file), or -1 if anything else came since. */
  private sinceBoundary = 0;
  /** Spaces since the last quote when nothing else came since (the next other byte decides), else -1. */
  private sinceQuote = -1;
  found = false;

  constructor(private readonly delimiter: number) {}

  private isSpace(b: number): boolean {
    return (b === SPACE || b === TAB) && b !== this.delimiter;
  }

  private isBoundary(b: number): boolean {
    return b === this.delimiter || b === 0x0a || b === 0x0d;
  }

  check(chunk: Buffer): void {
    if (this.found) return;
    const n = chunk.length;
    let start = 0;
    if (this.sinceQuote >= 0) {
      while (start < n && this.isSpace(chunk[start])) start++;
      if (start === n) {
        this.sinceQuote += n;
        this.carryBoundary(chunk);
        return;
      }
      if (this.sinceQuote + start > 0 && this.isBoundary(chunk[start])) return void (this.found = true);
      this.sinceQuote = -1;
    }
    for (let p = chunk.indexOf(QUOTE, start); p >= 0; p = chunk.indexOf(QUOTE, p + 1)) {
      let i = p - 1;
      while (i >= 0 && this.isSpace(chunk[i])) i--;
      const before = p - 1 - i;
      if (i >= 0 ? before > 0 && this.isBoundary(chunk[i]) : this.sinceBoundary >= 0 && this.sinceBoundary + before > 0) return void (this.found = true);
      let k = p + 1;
      while (k < n && this.isSpace(chunk[k])) k++;
      if (k === n) this.sinceQuote = k - p - 1;
      else if (k > p + 1 && this.isBoundary(chunk[k])) return void (this.found = true);
    }
    this.carryBoundary(chunk);
  }

  private carryBoundary(chunk: Buffer): void {
    let e = chunk.length - 1;
    while (e >= 0 && this.isSpace(chunk[e])) e--;
    const spaces = chunk.length - 1 - e;
    if (e >= 0) this.sinceBoundary = this.isBoundary(chunk[e]) ? spaces : -1;
    else if (this.sinceBoundary >= 0) this.sinceBoundary += spaces;
  }

  /** Call at the end of the file: spaces after a quote then the end are a boundary too. */
  end(): void {
    if (this.sinceQuote > 0) this.found = true;
  }
}
