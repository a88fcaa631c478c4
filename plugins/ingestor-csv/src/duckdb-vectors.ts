import type { Strings } from './duckdb-chunk.js';
import { joined, LongCells } from './long-cells.js';

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
  /** Appends `codes[0..count)`. */
  pushCodes(codes: Int32Array, count: number): void;
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
  /** The codes of one vector, handed to the sink at once. */
  private out = new Int32Array(0);
  /** Cells that are not codes, decoded a vector at a time. */
  private readonly batch = new LongCells();
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
    if (i === to) return;
    const batch = this.batch;
    batch.start(to - i);
    for (; i < to; i++) {
      const len = head.words[i * 4];
      let more = false;
      for (const t of tail) if (t.words[i * 4] !== 0) more = true;
      if (!more && len <= 12) {
        const code = this.code(head.words, head.bytes, i, len);
        if (code === NO_CODE) batch.gather(all, i);
        else batch.push(code < 0 ? null : this.dict[code]);
        continue;
      }
      if (this.datetimes && len === 12 && tail.length === 2 && batch.iso(head, tail[0], tail[1], i)) continue;
      if (!batch.gather(all, i)) batch.push(this.clean(joined(all, i)));
    }
    batch.flush(sink, this.clean);
  }

  /**
   * Pushes codes from row `from` on; returns the first row it could not code (`to` when none). A cell already in the
   * table is looked up here, with the table in locals (a categorical column's every cell but its first few), others go
   * through `code`.
   */
  private readCodes(head: Strings, from: number, to: number, sink: TextSink): number {
    const { words, bytes } = head;
    if (this.out.length < to - from) this.out = new Int32Array(to - from);
    const out = this.out;
    let keys = this.keys;
    let codes = this.codes;
    let mask = this.slots - 1;
    let n = 0;
    let i = from;
    for (; i < to; i++) {
      const b = i * 4;
      const len = words[b];
      if (len > 12) break;
      const w1 = words[b + 1];
      const w2 = words[b + 2];
      const w3 = words[b + 3];
      const h = hash(len, w1, w2, w3);
      let code = NO_CODE;
      for (let p = 0; p < PROBES; p++) {
        const slot = (h + p) & mask;
        const k = slot * 4;
        const key = keys[k];
        if (key === len + 1 && keys[k + 1] === w1 && keys[k + 2] === w2 && keys[k + 3] === w3) {
          code = codes[slot];
          break;
        }
        if (key === 0) break;
      }
      if (code === NO_CODE) {
        code = this.code(words, bytes, i, len);
        if (code === NO_CODE) break;
        keys = this.keys;
        codes = this.codes;
        mask = this.slots - 1;
      }
      out[n++] = code;
    }
    sink.pushCodes(out, n);
    return i;
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
        const cell = this.clean(bytes.toString('utf8', i * 16 + 4, i * 16 + 4 + len));
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

  private readonly clean = (raw: string): Cell => {
    if (raw === '\0') return null;
    const cell = raw.trim();
    return this.isMissing(cell) ? null : cell;
  };
}

function hash(len: number, w1: number, w2: number, w3: number): number {
  const h = Math.imul(len ^ w1, 0x9e3779b1) ^ Math.imul(w2, 0x85ebca6b) ^ Math.imul(w3, 0xc2b2ae35);
  return h ^ (h >>> 15);
}
