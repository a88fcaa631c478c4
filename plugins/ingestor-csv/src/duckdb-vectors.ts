import { outOfLine, type Strings } from './duckdb-chunk.js';

/**
 * Rows [from, to) of a DOUBLE vector as our numbers, written to `out` from `at`: NULL (a missing marker or an
 * empty cell) is NaN, and a non-finite value — a cell DuckDB read as inf or nan, text to `parseNumber` — is
 * refused.
 */
export function copyNumbers(values: Float64Array, valid: Uint32Array | null, from: number, to: number, out: Float64Array, at: number): void {
  out.set(values.subarray(from, to), at);
  for (let i = from; i < to; i++) {
    if (valid !== null && ((valid[i >>> 5] >>> (i & 31)) & 1) === 0) out[at + i - from] = NaN;
    else if (values[i] - values[i] !== 0) throw new Error('a DOUBLE column holds inf or nan');
  }
}

// Raw short cells remembered per column: the table starts small (a file may have thousands of text columns) and
// doubles at a quarter full, up to room for a zip-code-like column of a few thousand values.
const FIRST_SLOTS = 1 << 8;
const MAX_SLOTS = 1 << 15;
const MAX_CACHED = MAX_SLOTS >> 2;
const PROBES = 8;
/** `TextCells.code` for a cell that has no code (the cache is full, or it had no free slot nearby). */
const NO_CODE = -2;

/** A text cell as the builders want it: trimmed, or null when missing. */
export type Cell = string | null;

/** Where `TextCells` puts a column's cells: as dictionary codes while it can, else as strings. */
export interface TextSink {
  /** Whether the sink still takes codes. */
  readonly coded: boolean;
  pushCode(code: number): void;
  push(cell: Cell): void;
  /**
   * A `YYYY-MM-DD HH:MM` cell given as `YYYY-MM-DDTHH:MM:00`, what the datetime inference would make of it; the
   * sink keeps it only if the column ends up a datetime column (see `TextColumn.finish`).
   */
  pushIso(iso: string): void;
  /** Switches to strings for good, writing out the codes taken so far through `dict`. */
  toStrings(dict: readonly string[]): void;
}

/**
 * Turns the cells of one text column, given as one vector or as its `TEXT_PARTS` part vectors (see `DuckCsv`),
 * into trimmed strings (or null for missing). A cell that fits the first part is remembered by its 16 raw
 * bytes with a dictionary code for its trimmed value (-1: missing), so a categorical column decodes each level
 * once, and is handed out as codes (see `TextSink`) until a cell comes that has none: a long one, or one past
 * the cache's room. The dictionary (`dict`) lives as long as the column's reader, across batches.
 */
export class TextCells {
  private slots = FIRST_SLOTS;
  private keys = new Uint32Array(FIRST_SLOTS * 4);
  private codes = new Int32Array(FIRST_SLOTS);
  private cached = 0;
  /** Distinct trimmed values, by code. */
  readonly dict: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    private readonly isMissing: (trimmed: string) => boolean,
    /** Whether valid `YYYY-MM-DD HH:MM` cells go to `TextSink.pushIso` (no missing marker has that shape). */
    private readonly datetimes = false,
  ) {}

  /** Sends the cells of rows [from, to) of the part vectors to `sink`. */
  read(all: readonly Strings[], from: number, to: number, sink: TextSink): void {
    const [head, ...tail] = all;
    let i = from;
    if (sink.coded) {
      if (tail.length === 0) i = this.readCodes(head, from, to, sink);
      if (i < to) sink.toStrings(this.dict);
    }
    for (; i < to; i++) {
      const len = head.words[i * 4];
      let more = false;
      for (const t of tail) if (t.words[i * 4] !== 0) more = true;
      if (!more && len <= 12) {
        const code = this.code(head.words, head.bytes, i, len);
        sink.push(code === NO_CODE ? this.clean(decode(head.bytes, i * 16 + 4, len)) : code < 0 ? null : this.dict[code]);
        continue;
      }
      if (this.datetimes && len === 12 && tail.length === 2) {
        const iso = minuteIso(head, tail[0], tail[1], i);
        if (iso !== null) {
          sink.pushIso(iso);
          continue;
        }
      }
      sink.push(this.clean(joined(all, i)));
    }
  }

  /** Pushes codes from row `from` on; returns the first row it could not code (`to` when none). */
  private readCodes(head: Strings, from: number, to: number, sink: TextSink): number {
    const { words, bytes } = head;
    for (let i = from; i < to; i++) {
      const len = words[i * 4];
      if (len > 12) return i;
      const code = this.code(words, bytes, i, len);
      if (code === NO_CODE) return i;
      sink.pushCode(code);
    }
    return to;
  }

  /** The code of the short cell in row i (-1 when missing), or NO_CODE. */
  private code(words: Uint32Array, bytes: Buffer, i: number, len: number): number {
    const w1 = words[i * 4 + 1];
    const w2 = words[i * 4 + 2];
    const w3 = words[i * 4 + 3];
    const h = hash(len, w1, w2, w3);
    const keys = this.keys;
    for (let p = 0; p < PROBES; p++) {
      const slot = (h + p) & (this.slots - 1);
      const k = slot * 4;
      // Slot keys store len + 1 so an empty slot (0) never matches.
      if (keys[k] === 0) {
        if (this.cached === MAX_CACHED) return NO_CODE;
        if ((this.cached + 1) * 4 > this.slots && this.slots < MAX_SLOTS) {
          this.grow();
          return this.code(words, bytes, i, len);
        }
        const cell = this.clean(decode(bytes, i * 16 + 4, len));
        let code = -1;
        if (cell !== null) {
          code = this.index.get(cell) ?? -1;
          if (code < 0) {
            code = this.dict.push(cell) - 1;
            this.index.set(cell, code);
          }
        }
        keys[k] = len + 1;
        keys[k + 1] = w1;
        keys[k + 2] = w2;
        keys[k + 3] = w3;
        this.codes[slot] = code;
        this.cached++;
        return code;
      }
      if (keys[k] === len + 1 && keys[k + 1] === w1 && keys[k + 2] === w2 && keys[k + 3] === w3) return this.codes[slot];
    }
    return NO_CODE;
  }

  /** Doubles the table. An entry with no free slot near its new place is dropped: its value keeps its code in `index`. */
  private grow(): void {
    const { keys, codes } = this;
    this.slots *= 2;
    this.keys = new Uint32Array(this.slots * 4);
    this.codes = new Int32Array(this.slots);
    this.cached = 0;
    for (let k = 0; k < keys.length; k += 4) {
      if (keys[k] === 0) continue;
      const h = hash(keys[k] - 1, keys[k + 1], keys[k + 2], keys[k + 3]);
      for (let p = 0; p < PROBES; p++) {
        const slot = (h + p) & (this.slots - 1);
        if (this.keys[slot * 4] !== 0) continue;
        this.keys.set(keys.subarray(k, k + 4), slot * 4);
        this.codes[slot] = codes[k / 4];
        this.cached++;
        break;
      }
    }
  }

  private clean(raw: string): Cell {
    if (raw === '\0') return null;
    const cell = raw.trim();
    return this.isMissing(cell) ? null : cell;
  }
}

function hash(len: number, w1: number, w2: number, w3: number): number {
  const h = Math.imul(len ^ w1, 0x9e3779b1) ^ Math.imul(w2, 0x85ebca6b) ^ Math.imul(w3, 0xc2b2ae35);
  return h ^ (h >>> 15);
}

// Room for a cell whose parts are all inline (3 × 12 bytes).
const scratch = Buffer.alloc(64);

/** A cell given as parts: gathered and decoded once when every part is inline, else part by part. */
function joined(parts: readonly Strings[], i: number): string {
  let at = 0;
  for (const p of parts) {
    const len = p.words[i * 4];
    if (len > 12) {
      let raw = '';
      for (const q of parts) raw += part(q, i);
      return raw;
    }
    const bytes = p.bytes;
    for (let k = i * 16 + 4, end = k + len; k < end; k++) scratch[at++] = bytes[k];
  }
  return scratch.toString('utf8', 0, at);
}

/** One part of a cell: decoded from the vector when inline, else fetched through its pointer. */
function part(p: Strings, i: number): string {
  const len = p.words[i * 4];
  return len <= 12 ? decode(p.bytes, i * 16 + 4, len) : outOfLine(p, i, len);
}

function decode(bytes: Buffer, at: number, len: number): string {
  return bytes.toString('utf8', at, at + len);
}

/** Where `YYYY-MM-DD H` (the first part) has digits. */
const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11];
const digit = (b: number) => b - 48 >= 0 && b - 48 <= 9;
const num2 = (a: number, b: number) => (a - 48) * 10 + b - 48;

function daysIn(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * A valid `YYYY-MM-DD HH:MM` cell split as 12 + 4 + 0 bytes over the three parts, as the one string the datetime
 * normalization makes of it (`YYYY-MM-DDTHH:MM:00`), built from the bytes: decoding the cell and then normalizing
 * it made two strings per cell of a million-row datetime column. Null for any other cell.
 */
export function minuteIso(head: Strings, second: Strings, third: Strings, i: number): string | null {
  if (second.words[i * 4] !== 4 || third.words[i * 4] !== 0) return null;
  const h = head.bytes;
  const k = i * 16 + 4;
  const t = second.bytes;
  if (h[k + 4] !== 45 || h[k + 7] !== 45 || h[k + 10] !== 32 || t[k + 1] !== 58) return null;
  for (const at of DIGIT_AT) if (!digit(h[k + at])) return null;
  if (!digit(t[k]) || !digit(t[k + 2]) || !digit(t[k + 3])) return null;
  const y = num2(h[k], h[k + 1]) * 100 + num2(h[k + 2], h[k + 3]);
  const m = num2(h[k + 5], h[k + 6]);
  const d = num2(h[k + 8], h[k + 9]);
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || num2(h[k + 11], t[k]) > 23 || num2(t[k + 2], t[k + 3]) > 59) return null;
  return String.fromCharCode(h[k], h[k + 1], h[k + 2], h[k + 3], 45, h[k + 5], h[k + 6], 45, h[k + 8], h[k + 9], 84, h[k + 11], t[k], 58, t[k + 2], t[k + 3], 58, 48, 48);
}
