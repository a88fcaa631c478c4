import { AutopipeError } from './errors.js';

type Typed = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

/** Fitted state: JSON-like data whose large numeric parts are typed arrays. */
export type StateValue = null | boolean | number | string | Typed | readonly StateValue[] | { readonly [k: string]: StateValue };

const CTORS = { Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array } as const;
type CtorName = keyof typeof CTORS;

/** A state split into JSON text and one binary buffer holding every typed array, 8-byte aligned. */
export interface EncodedState {
  readonly json: string;
  readonly binary: Uint8Array;
}

/**
 * Encodes state losslessly: typed arrays go to the binary buffer bit for bit, and non-finite numbers
 * (which JSON cannot hold) are tagged, so a restored model predicts exactly what the saved one did.
 */
export function encodeState(state: StateValue): EncodedState {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const walk = (v: StateValue): unknown => {
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : { $num: String(v) };
    if (ArrayBuffer.isView(v)) {
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      const pad = (8 - (offset % 8)) % 8;
      if (pad) { chunks.push(new Uint8Array(pad)); offset += pad; }
      const ref = { $typed: v.constructor.name, offset, length: v.length };
      chunks.push(bytes.slice());
      offset += bytes.byteLength;
      return ref;
    }
    if (Array.isArray(v)) return v.map(walk);
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, StateValue>)) o[k] = walk(x);
    return o;
  };
  const json = JSON.stringify(walk(state));
  const binary = new Uint8Array(offset);
  let p = 0;
  for (const c of chunks) { binary.set(c, p); p += c.byteLength; }
  return { json, binary };
}

export function decodeState(encoded: EncodedState): StateValue {
  const buf = encoded.binary;
  const walk = (v: unknown): StateValue => {
    if (v === null || typeof v !== 'object') return v as StateValue;
    if (Array.isArray(v)) return v.map(walk);
    const o = v as Record<string, unknown>;
    if (typeof o.$num === 'string') return Number(o.$num);
    if (typeof o.$typed === 'string') {
      const Ctor = CTORS[o.$typed as CtorName];
      const off = o.offset as number;
      const len = o.length as number;
      if (!Ctor || off + len * Ctor.BYTES_PER_ELEMENT > buf.byteLength) {
        throw new AutopipeError('MODEL_INCOMPATIBLE', `Model weights are damaged: array ${o.$typed}[${len}] at byte ${off} is outside the ${buf.byteLength}-byte weights file.`);
      }
      const copy = new Uint8Array(len * Ctor.BYTES_PER_ELEMENT);
      copy.set(buf.subarray(off, off + copy.byteLength));
      return new Ctor(copy.buffer);
    }
    const out: Record<string, StateValue> = {};
    for (const [k, x] of Object.entries(o)) out[k] = walk(x);
    return out;
  };
  return walk(JSON.parse(encoded.json));
}

/** Reads a state field with a type check, for `restore` implementations. */
export function stateField<T extends StateValue>(state: StateValue, key: string, check: (v: StateValue) => boolean, owner: string): T {
  const v = state !== null && typeof state === 'object' && !ArrayBuffer.isView(state) && !Array.isArray(state) ? (state as Record<string, StateValue>)[key] : undefined;
  if (v === undefined || !check(v)) throw new AutopipeError('MODEL_INCOMPATIBLE', `Saved state of ${owner} has no valid "${key}" field; was it written by another version?`, { owner, field: key });
  return v as T;
}
