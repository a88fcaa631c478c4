import type { DuckDBVector } from '@duckdb/node-api';

// @duckdb/node-api's per-item getters allocate a view, check a BigInt validity mask and decode through
// TextDecoder for every cell, which costs more than DuckDB's whole parse. These read the vectors' memory
// directly: a DOUBLE vector is a Float64Array, a VARCHAR vector an array of 16-byte duckdb_string_t
// (u32 length, then the bytes inline when ≤ 12, else a 4-byte prefix and a pointer). The fields are private
// in the package's types, so a changed shape throws and the caller falls back to csv-parse.

/** The values of a DOUBLE vector (a view of DuckDB's memory: copy what you keep before the next chunk). */
export function doubleItems(vector: DuckDBVector): Float64Array {
  const items = (vector as unknown as { items?: unknown }).items;
  if (!(items instanceof Float64Array)) throw new Error('unexpected DuckDB DOUBLE vector layout');
  return items;
}

/** Refuses an infinite value: the query's mark for a cell DuckDB read as inf or nan (text to `parseNumber`). */
export function checkFinite(values: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const x = values[i];
    if (x === Infinity || x === -Infinity) throw new Error('a DOUBLE column holds inf or nan');
  }
}

const SLOTS = 1 << 13;
const MAX_CACHED = SLOTS >> 1;
const PROBES = 8;

/** A text cell as the builders want it: trimmed, or null when missing. */
export type Cell = string | null;

/** The 16-byte string structs of a VARCHAR vector, as 32-bit words and as bytes. */
interface Strings {
  readonly vector: DuckDBVector;
  readonly words: Uint32Array;
  readonly bytes: Uint8Array;
}

function strings(vector: DuckDBVector, rowCount: number): Strings {
  const view = (vector as unknown as { dataView?: unknown }).dataView;
  if (!(view instanceof DataView) || view.byteLength < rowCount * 16) throw new Error('unexpected DuckDB VARCHAR vector layout');
  return { vector, words: new Uint32Array(view.buffer, view.byteOffset, rowCount * 4), bytes: new Uint8Array(view.buffer, view.byteOffset, rowCount * 16) };
}

/**
 * Turns the cells of one text column, given as one vector or as its `TEXT_PARTS` part vectors (see
 * `DuckCsv`), into trimmed strings (or null for missing). A cell that fits the first part is remembered by its 16 raw bytes, so a
 * categorical column decodes each level once and hands out one string object per level (which also makes
 * the builders' interning cheap).
 */
export class TextCells {
  private readonly keys = new Uint32Array(SLOTS * 4);
  private readonly values: Cell[] = new Array<Cell>(SLOTS);
  private cached = 0;

  constructor(private readonly isMissing: (trimmed: string) => boolean) {}

  /** Calls `push` with each cell of rows [from, to) of the part vectors. */
  read(parts: readonly DuckDBVector[], rowCount: number, from: number, to: number, push: (cell: Cell) => void): void {
    const [head, ...tail] = parts.map((v) => strings(v, rowCount));
    for (let i = from; i < to; i++) {
      const len = head.words[i * 4];
      let more = false;
      for (const t of tail) if (t.words[i * 4] !== 0) more = true;
      if (!more && len <= 12) {
        push(this.short(head.words, head.bytes, i, len));
        continue;
      }
      let raw = part(head, i);
      for (const t of tail) raw += part(t, i);
      push(this.clean(raw));
    }
  }

  private short(words: Uint32Array, bytes: Uint8Array, i: number, len: number): Cell {
    const w1 = words[i * 4 + 1];
    const w2 = words[i * 4 + 2];
    const w3 = words[i * 4 + 3];
    let h = Math.imul(len ^ w1, 0x9e3779b1) ^ Math.imul(w2, 0x85ebca6b) ^ Math.imul(w3, 0xc2b2ae35);
    h ^= h >>> 15;
    const keys = this.keys;
    for (let p = 0; p < PROBES; p++) {
      const slot = (h + p) & (SLOTS - 1);
      const k = slot * 4;
      // Slot keys store len + 1 so an empty slot (0) never matches.
      if (keys[k] === 0) {
        const cell = this.clean(decode(bytes, i * 16 + 4, len));
        if (this.cached < MAX_CACHED) {
          keys[k] = len + 1;
          keys[k + 1] = w1;
          keys[k + 2] = w2;
          keys[k + 3] = w3;
          this.values[slot] = cell;
          this.cached++;
        }
        return cell;
      }
      if (keys[k] === len + 1 && keys[k + 1] === w1 && keys[k + 2] === w2 && keys[k + 3] === w3) return this.values[slot];
    }
    return this.clean(decode(bytes, i * 16 + 4, len));
  }

  private clean(raw: string): Cell {
    if (raw === '\0') return null;
    const cell = raw.trim();
    return this.isMissing(cell) ? null : cell;
  }
}

const utf8 = new TextDecoder();

/** One part of a cell: decoded from the vector when inline, else through the package's getter. */
function part(p: Strings, i: number): string {
  const len = p.words[i * 4];
  return len <= 12 ? decode(p.bytes, i * 16 + 4, len) : (p.vector.getItem(i) as string);
}

function decode(bytes: Uint8Array, at: number, len: number): string {
  let s = '';
  for (let k = 0; k < len; k++) {
    const b = bytes[at + k];
    if (b > 0x7f) return utf8.decode(bytes.subarray(at, at + len));
    s += String.fromCharCode(b);
  }
  return s;
}
