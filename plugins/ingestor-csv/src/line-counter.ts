/**
 * Tracks 1-based line numbers in a byte stream as records are consumed. csv-parse reports where a record
 * ends (and miscounts CRLF inside quotes), while users need the line where a record starts. Chunks are
 * appended as they are read and dropped once consumed, so memory stays at about one chunk.
 */
export class LineCounter {
  private readonly chunks: Buffer[] = [];
  /** Absolute offset of the first byte of `chunks[0]`. */
  private base = 0;
  /** Absolute offset of the next unconsumed byte. */
  private pos = 0;
  private line = 1;

  append(chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  /** The line where the next record starts, skipping the blank lines csv-parse drops. */
  nextRecordLine(): number {
    let line = this.line;
    let at = this.pos - this.base;
    for (const chunk of this.chunks) {
      for (; at < chunk.length; at++) {
        const b = chunk[at];
        if (b === 0x0a) line++;
        else if (b !== 0x0d) return line;
      }
      at -= chunk.length;
    }
    return line;
  }

  /** Moves past the record ending at absolute byte offset `end`. */
  advanceTo(end: number): void {
    while (this.chunks.length > 0 && this.pos < end) {
      const chunk = this.chunks[0];
      const from = this.pos - this.base;
      const to = Math.min(chunk.length, end - this.base);
      for (let i = chunk.indexOf(0x0a, from); i >= 0 && i < to; i = chunk.indexOf(0x0a, i + 1)) this.line++;
      this.pos = this.base + to;
      if (to === chunk.length) {
        this.chunks.shift();
        this.base += chunk.length;
      }
    }
  }
}
