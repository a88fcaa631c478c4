/**
 * Tracks 1-based line numbers in a byte buffer as records are consumed. csv-parse reports where a record
 * ends (and miscounts CRLF inside quotes), while users need the line where a record starts.
 */
export class LineCounter {
  private pos = 0;
  private line = 1;

  constructor(private readonly buf: Uint8Array) {}

  /** The line where the next record starts, skipping the blank lines csv-parse drops. */
  nextRecordLine(): number {
    let line = this.line;
    for (let i = this.pos; i < this.buf.length; i++) {
      const b = this.buf[i];
      if (b === 0x0a) line++;
      else if (b !== 0x0d) break;
    }
    return line;
  }

  /** Moves past the record ending at byte offset `end`. */
  advanceTo(end: number): void {
    const stop = Math.min(end, this.buf.length);
    for (let i = this.pos; i < stop; i++) if (this.buf[i] === 0x0a) this.line++;
    this.pos = stop;
  }
}
