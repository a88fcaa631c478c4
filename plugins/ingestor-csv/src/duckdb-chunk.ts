import { createRequire } from 'node:module';
import type { DuckDBDataChunk } from '@duckdb/node-api';

// @duckdb/node-api wraps every vector of every chunk in objects of its own — a logical type looked up through
// several native calls, a BigInt validity mask, a DataView — and its per-item getters allocate and decode per
// cell. A chunk here is read through the package's own native binding instead: one call per vector for its memory
// (a DOUBLE vector is a Float64Array, a VARCHAR vector an array of 16-byte duckdb_string_t: u32 length, then the
// bytes inline when ≤ 12, else a 4-byte prefix and a pointer) and one for its validity mask. None of this is in the
// package's types, so a changed shape throws and the caller falls back to csv-parse.

/** The few functions of @duckdb/node-bindings (the binding @duckdb/node-api calls) used here. */
interface Bindings {
  data_chunk_get_vector(chunk: unknown, column: number): unknown;
  vector_get_data(vector: unknown, bytes: number): Uint8Array;
  vector_get_validity(vector: unknown, bytes: number): Uint8Array | null;
  get_data_from_pointer(buffer: ArrayBufferLike, pointerOffset: number, bytes: number): Uint8Array;
}

let bindings: Bindings | null = null;

function native(): Bindings {
  if (bindings) return bindings;
  const api = createRequire(import.meta.url).resolve('@duckdb/node-api');
  const loaded = createRequire(api)('@duckdb/node-bindings') as Partial<Bindings>;
  for (const f of ['data_chunk_get_vector', 'vector_get_data', 'vector_get_validity', 'get_data_from_pointer'] as const) {
    if (typeof loaded[f] !== 'function') throw new Error(`@duckdb/node-bindings has no ${f}`);
  }
  return (bindings = loaded as Bindings);
}

/** A DOUBLE vector: its values (DuckDB's memory: copy what you keep) and validity words (see `validity`). */
export interface Doubles {
  readonly values: Float64Array;
  readonly valid: Uint32Array | null;
}

/** The 16-byte string structs of a VARCHAR vector, as 32-bit words and as bytes. */
export interface Strings {
  readonly words: Uint32Array;
  readonly bytes: Buffer;
}

/** Raw access to the vectors of one result chunk, valid while the chunk is. */
export class ChunkVectors {
  private readonly raw: unknown;
  readonly rowCount: number;

  constructor(chunk: DuckDBDataChunk) {
    this.raw = (chunk as unknown as { chunk?: unknown }).chunk;
    if (!this.raw) throw new Error('unexpected DuckDB data chunk layout');
    this.rowCount = chunk.rowCount;
  }

  doubles(column: number): Doubles {
    const n = this.rowCount;
    const b = native();
    const vector = b.data_chunk_get_vector(this.raw, column);
    const data = b.vector_get_data(vector, n * 8);
    if (data.byteLength < n * 8 || data.byteOffset % 8 !== 0) throw new Error('unexpected DuckDB DOUBLE vector layout');
    return { values: new Float64Array(data.buffer, data.byteOffset, n), valid: validity(b.vector_get_validity(vector, Math.ceil(n / 64) * 8)) };
  }

  /** A VARCHAR vector; its NULLs are not told apart (the query turns them into "\0"). */
  strings(column: number): Strings {
    const n = this.rowCount;
    const b = native();
    const data = b.vector_get_data(b.data_chunk_get_vector(this.raw, column), n * 16);
    if (data.byteLength < n * 16 || data.byteOffset % 4 !== 0) throw new Error('unexpected DuckDB VARCHAR vector layout');
    return { words: new Uint32Array(data.buffer, data.byteOffset, n * 4), bytes: Buffer.from(data.buffer, data.byteOffset, n * 16) };
  }
}

/** The validity mask as 32-bit words (bit i: row i is not NULL), or null when every row is valid. */
function validity(mask: Uint8Array | null): Uint32Array | null {
  if (!mask) return null;
  if (mask.byteOffset % 4 !== 0) throw new Error('unexpected DuckDB validity layout');
  return new Uint32Array(mask.buffer, mask.byteOffset, mask.byteLength >>> 2);
}

/** The text of row i's string when it is not inline (longer than 12 bytes). */
export function outOfLine(s: Strings, i: number, len: number): string {
  const bytes = native().get_data_from_pointer(s.bytes.buffer, s.bytes.byteOffset + i * 16 + 8, len);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
