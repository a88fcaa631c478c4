// 512 KiB blocks: large enough that the allocator maps and unmaps them whole. A copy of each 2048-row chunk
// (16 KiB) would come from the malloc heap, which keeps the memory after the copies are joined and freed.
const BLOCK = 1 << 16;

/** A numeric column collected chunk by chunk (copies of DuckDB's vectors) in fixed blocks, joined once at the end. */
export class FloatChunks {
  private blocks: Float64Array[] = [];
  private current = new Float64Array(BLOCK);
  private used = 0;
  length = 0;

  /** Copies `values[from..to)`. */
  push(values: Float64Array, from: number, to: number): void {
    while (from < to) {
      if (this.used === BLOCK) {
        this.blocks.push(this.current);
        this.current = new Float64Array(BLOCK);
        this.used = 0;
      }
      const n = Math.min(to - from, BLOCK - this.used);
      this.current.set(values.subarray(from, from + n), this.used);
      this.used += n;
      this.length += n;
      from += n;
    }
  }

  /** All values as one array; the blocks are released. */
  toArray(): Float64Array {
    const out = new Float64Array(this.length);
    let at = 0;
    for (const b of this.blocks) {
      out.set(b, at);
      at += BLOCK;
    }
    out.set(this.current.subarray(0, this.used), at);
    this.blocks = [];
    this.current = new Float64Array(BLOCK);
    this.used = 0;
    this.length = 0;
    return out;
  }
}
