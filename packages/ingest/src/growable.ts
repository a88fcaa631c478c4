const BLOCK = 1 << 16;
const FIRST = 16;

/**
 * A growing column of doubles kept in fixed-size blocks: unlike a doubling buffer it never holds more than one
 * spare block, which matters when fifty columns of a million rows grow at once. The first block starts small and
 * doubles up to the block size, so a wide file (thousands of columns, few rows) does not zero-fill half a megabyte
 * per column.
 */
export class GrowableFloat64 {
  private readonly blocks: Float64Array[] = [];
  private current = new Float64Array(FIRST);
  private used = 0;
  length = 0;

  /** A full (or, after `toArray`, empty) current block grows while it is the first and small, else is replaced. */
  private nextBlock(): void {
    if (this.blocks.length === 0 && this.current.length < BLOCK) {
      const grown = new Float64Array(Math.min(BLOCK, Math.max(FIRST, this.current.length * 2)));
      grown.set(this.current);
      this.current = grown;
      return;
    }
    this.blocks.push(this.current);
    this.current = new Float64Array(BLOCK);
    this.used = 0;
  }

  push(x: number): void {
    if (this.used === this.current.length) this.nextBlock();
    this.current[this.used++] = x;
    this.length++;
  }

  /** Appends `values[from..to)` block-wise (columns that arrive as vectors, e.g. DuckDB's). */
  pushRange(values: Float64Array, from: number, to: number): void {
    while (from < to) {
      if (this.used === this.current.length) this.nextBlock();
      const n = Math.min(to - from, this.current.length - this.used);
      this.current.set(values.subarray(from, from + n), this.used);
      this.used += n;
      this.length += n;
      from += n;
    }
  }

  get(i: number): number {
    const b = i >>> 16;
    return b === this.blocks.length ? this.current[i & (BLOCK - 1)] : this.blocks[b][i & (BLOCK - 1)];
  }

  /** The values pushed so far as one array; the blocks are released and the builder starts empty again. */
  toArray(): Float64Array {
    const out = new Float64Array(this.length);
    let at = 0;
    for (const b of this.blocks) {
      out.set(b, at);
      at += BLOCK;
    }
    out.set(this.current.subarray(0, this.used), at);
    this.blocks.length = 0;
    this.current = new Float64Array(0);
    this.used = 0;
    this.length = 0;
    return out;
  }
}
