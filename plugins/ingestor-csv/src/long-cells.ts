import { outOfLine, type Strings } from './duckdb-chunk.js';
import { TEXT_PARTS } from './duckdb-csv.js';
import type { Cell, TextSink } from './duckdb-vectors.js';

/** What `LongCells` holds for a row. */
const READY = 0;
const TEXT = 1;
const ISO = 2;
const ISO_LENGTH = 19;
/** Bytes a row may add: its inline parts, or one ISO datetime. */
const MAX_ROW_BYTES = Math.max(12 * TEXT_PARTS, ISO_LENGTH);

/**
 * The cells of one vector's rows that are not dictionary codes, in row order, until `flush` hands them to a sink.
 * Cells whose parts are all inline are gathered as bytes and, when the vector's gathered bytes are all ASCII,
 * decoded by one call and cut into substrings: decoding each cell on its own (a native call and a string per cell)
 * was the largest cost of a million-row free-text column. `YYYY-MM-DD HH:MM` cells are gathered as the ISO string
 * the datetime normalization makes of them (see `isoBytes`). Other cells are decoded as they come.
 */
export class LongCells {
  private bytes = Buffer.alloc(0);
  private kinds = new Uint8Array(0);
  /** End (exclusive) of a gathered row's bytes. */
  private ends = new Int32Array(0);
  private ready: Cell[] = [];
  private rows = 0;
  private at = 0;
  /** Bitwise OR of the gathered bytes: non-ASCII once 0x80 is set. */
  private high = 0;

  /** Starts a vector of up to `rows` rows. */
  start(rows: number): void {
    if (this.kinds.length < rows) {
      this.kinds = new Uint8Array(rows);
      this.ends = new Int32Array(rows);
      this.bytes = Buffer.allocUnsafe(rows * MAX_ROW_BYTES);
      this.ready = new Array<Cell>(rows).fill(null);
    }
    this.rows = 0;
    this.at = 0;
    this.high = 0;
  }

  /** A cell already cleaned (trimmed, or null when missing). */
  push(cell: Cell): void {
    this.ready[this.rows] = cell;
    this.kinds[this.rows++] = READY;
  }

  /** Gathers row i's raw cell; false, gathering nothing, when one of its parts is not inline. */
  gather(parts: readonly Strings[], i: number): boolean {
    for (const p of parts) if (p.words[i * 4] > 12) return false;
    const out = this.bytes;
    let at = this.at;
    let high = this.high;
    for (const p of parts) {
      const bytes = p.bytes;
      for (let k = i * 16 + 4, end = k + p.words[i * 4]; k < end; k++) {
        const b = bytes[k];
        high |= b;
        out[at++] = b;
      }
    }
    this.at = at;
    this.high = high;
    this.ends[this.rows] = at;
    this.kinds[this.rows++] = TEXT;
    return true;
  }

  /** Gathers row i as an ISO datetime when it is a valid `YYYY-MM-DD HH:MM` cell (see `isoBytes`); else false. */
  iso(head: Strings, second: Strings, third: Strings, i: number): boolean {
    if (!isoBytes(head, second, third, i, this.bytes, this.at)) return false;
    this.at += ISO_LENGTH;
    this.ends[this.rows] = this.at;
    this.kinds[this.rows++] = ISO;
    return true;
  }

  /** Hands every row to `sink` in order, raw cells through `clean`, and empties the batch. */
  flush(sink: TextSink, clean: (raw: string) => Cell): void {
    const { kinds, ends, ready, bytes } = this;
    const ascii = (this.high & 0x80) === 0;
    const all = ascii && this.at > 0 ? bytes.toString('latin1', 0, this.at) : '';
    let from = 0;
    for (let r = 0; r < this.rows; r++) {
      const kind = kinds[r];
      if (kind === READY) {
        sink.push(ready[r]);
        ready[r] = null;
        continue;
      }
      const to = ends[r];
      const raw = ascii ? all.slice(from, to) : bytes.toString('utf8', from, to);
      from = to;
      if (kind === ISO) sink.pushIso(raw);
      else sink.push(clean(raw));
    }
    this.rows = 0;
    this.at = 0;
    this.high = 0;
  }
}

/** A cell given as parts with one that is not inline, decoded part by part. */
export function joined(parts: readonly Strings[], i: number): string {
  let raw = '';
  for (const p of parts) {
    const len = p.words[i * 4];
    raw += len <= 12 ? p.bytes.toString('utf8', i * 16 + 4, i * 16 + 4 + len) : outOfLine(p, i, len);
  }
  return raw;
}

/** Where `YYYY-MM-DD H` (the first part) has digits. */
const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11];
const digit = (b: number) => b - 48 >= 0 && b - 48 <= 9;
const num2 = (a: number, b: number) => (a - 48) * 10 + b - 48;

function daysIn(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Writes a valid `YYYY-MM-DD HH:MM` cell, split as 12 + 4 + 0 bytes over the three parts, to `out` at `at` as the
 * string the datetime normalization makes of it (`YYYY-MM-DDTHH:MM:00`, 19 bytes): decoding the cell and then
 * normalizing it made two strings per cell of a million-row datetime column. False, writing nothing, for any other cell.
 */
export function isoBytes(head: Strings, second: Strings, third: Strings, i: number, out: Buffer, at: number): boolean {
  if (second.words[i * 4] !== 4 || third.words[i * 4] !== 0) return false;
  const h = head.bytes;
  const k = i * 16 + 4;
  const t = second.bytes;
  if (h[k + 4] !== 45 || h[k + 7] !== 45 || h[k + 10] !== 32 || t[k + 1] !== 58) return false;
  for (const d of DIGIT_AT) if (!digit(h[k + d])) return false;
  if (!digit(t[k]) || !digit(t[k + 2]) || !digit(t[k + 3])) return false;
  const y = num2(h[k], h[k + 1]) * 100 + num2(h[k + 2], h[k + 3]);
  const m = num2(h[k + 5], h[k + 6]);
  const d = num2(h[k + 8], h[k + 9]);
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || num2(h[k + 11], t[k]) > 23 || num2(t[k + 2], t[k + 3]) > 59) return false;
  for (let c = 0; c < 10; c++) out[at + c] = h[k + c];
  out[at + 10] = 84;
  out[at + 11] = h[k + 11];
  out[at + 12] = t[k];
  out[at + 13] = 58;
  out[at + 14] = t[k + 2];
  out[at + 15] = t[k + 3];
  out[at + 16] = 58;
  out[at + 17] = 48;
  out[at + 18] = 48;
  return true;
}
