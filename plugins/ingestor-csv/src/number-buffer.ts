import { NumericSummary } from '@autopipe/ingest';

// Unused room a finished column may keep (as a view of a larger buffer) rather than be copied to its size.
const SLACK = 0.1;

/**
 * A numeric column filled from DuckDB vectors into one array sized for the rows expected (see `expectedRows`),
 * so the usual case allocates the column once and never copies it; it grows by half when the estimate was
 * short. A finished column is a view of that array when at most `SLACK` of it is unused, else a copy.
 */
export class NumberBuffer {
  private data = new Float64Array(0);
  private summary = new NumericSummary();
  length = 0;

  constructor(private readonly capacity: number) {}

  /**
   * Appends rows [from, to) of a DOUBLE vector, summarizing them for the type inference as they are copied: NULL (a
   * missing marker or an empty cell) is NaN, and a non-finite value — a cell DuckDB read as inf or nan, text to
   * `parseNumber` — is refused.
   */
  pushVector(values: Float64Array, valid: Uint32Array | null, from: number, to: number): void {
    const at = this.length;
    this.reserve(to - from);
    if (!this.summary.addValid(values, valid, from, to, this.data, at)) throw new Error('a DOUBLE column holds inf or nan');
    this.length = at + to - from;
  }

  private reserve(rows: number): void {
    const need = this.length + rows;
    if (need > this.data.length) {
      if (this.data.length === 0) this.data = new Float64Array(Math.max(need, this.capacity));
      else {
        const grown = new Float64Array(Math.max(need, Math.ceil(this.data.length * 1.5)));
        grown.set(this.data.subarray(0, this.length));
        this.data = grown;
      }
    }
  }

  /** The values pushed so far and their summary; the buffer starts over empty. */
  finish(): { readonly data: Float64Array; readonly summary: NumericSummary } {
    const { data, length, summary } = this;
    this.data = new Float64Array(0);
    this.length = 0;
    this.summary = new NumericSummary();
    const out = length === data.length ? data : length >= (1 - SLACK) * data.length ? data.subarray(0, length) : data.slice(0, length);
    return { data: out, summary };
  }
}

/**
 * Data rows a file of `size` bytes is expected to hold, from the mean line length of its first bytes (`head`,
 * which starts with the header line) plus a little: a guess for sizing buffers, never a limit.
 */
export function expectedRows(head: Buffer, size: number): number {
  let lines = 0;
  let firstEnd = -1;
  let lastEnd = -1;
  for (let at = head.indexOf(10); at >= 0; at = head.indexOf(10, at + 1)) {
    if (firstEnd < 0) firstEnd = at;
    lastEnd = at;
    lines++;
  }
  if (lines < 2) return 1024;
  const perRow = (lastEnd - firstEnd) / (lines - 1);
  return Math.ceil(((size - firstEnd) / perRow) * 1.02) + 64;
}
