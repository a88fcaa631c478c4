/**
 * Just enough of the WebAssembly binary format to emit the histogram kernels (see `kernels.ts`) without a
 * toolchain: LEB128 numbers, sections, one imported memory, functions of i32 parameters returning nothing or an i32,
 * with i32 and f64 locals.
 */

/** Pages (64 KiB) a wasm32 memory can reach: the imported memory's declared maximum. */
export const MAX_PAGES = 65536;

export type Code = number | readonly Code[];

function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}

function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const vec = (items: readonly number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

/** The 8 little-endian bytes of a float64. */
function f64Bytes(v: number): number[] {
  return Array.from(new Uint8Array(Float64Array.of(v).buffer));
}

/** Instructions used by the kernels; memory instructions take a byte offset immediate. */
export const op = {
  block: [0x02, 0x40], loop: [0x03, 0x40], if: [0x04, 0x40], else: [0x05], end: [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  i32: (v: number) => [0x41, ...sleb(v)],
  add: [0x6a], sub: [0x6b], mul: [0x6c], shl: [0x74], geU: [0x4f], leU: [0x4d], eqz: [0x45], select: [0x1b],
  ltS: [0x48], and: [0x71], or: [0x72], xor: [0x73], remU: [0x70], shrU: [0x76], f64Le: [0x65], f64Lt: [0x63], f64Ne: [0x62],
  store8: (offset = 0) => [0x3a, 0, ...uleb(offset)],
  store32: (offset = 0) => [0x36, 2, ...uleb(offset)],
  load32: (offset = 0) => [0x28, 2, ...uleb(offset)],
  load8: (offset = 0) => [0x2d, 0, ...uleb(offset)],
  f64Load: (offset = 0) => [0x2b, 3, ...uleb(offset)],
  f64Store: (offset = 0) => [0x39, 3, ...uleb(offset)],
  f64Add: [0xa0], f64Sub: [0xa1], f64Mul: [0xa2], f64Div: [0xa3],
  f64Eq: [0x61], f64Gt: [0x64], f64Ge: [0x66],
  f64One: [0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f],
  f64: (v: number) => [0x44, ...f64Bytes(v)],
  gtU: [0x4b], ltU: [0x49],
  v128Load: (offset = 0) => [0xfd, 0x00, 4, ...uleb(offset)],
  v128Store: (offset = 0) => [0xfd, 0x0b, 4, ...uleb(offset)],
  f64x2Add: [0xfd, 0xf0, 0x01],
  f64x2Sub: [0xfd, 0xf1, 0x01],
} as const;

function flatten(c: Code, out: number[] = []): number[] {
  if (typeof c === 'number') out.push(c);
  else for (const x of c) flatten(x, out);
  return out;
}

export interface FunctionSpec {
  readonly name: string;
  readonly params: number;
  /** Extra i32 locals, numbered after the parameters. */
  readonly locals: number;
  /** Extra f64 locals, numbered after the i32 ones. */
  readonly f64Locals?: number;
  /** Extra v128 locals, numbered after the f64 ones. */
  readonly v128Locals?: number;
  /** 1 if the function returns an i32 (the value left on the stack), else 0. */
  readonly results?: number;
  readonly body: Code;
}

/**
 * A module importing `env.mem` and exporting each function under its name; all values are i32. The memory is
 * declared shared (limits flag 3: shared, with a maximum), so the same compiled module runs in worker threads
 * over one memory. Single-threaded fits use a shared memory too: one module, one code path, the same sums.
 */
export function encodeModule(funcs: readonly FunctionSpec[]): Uint8Array {
  const types = section(1, vec(funcs.map((f) => [0x60, ...vec(Array.from({ length: f.params }, () => [I32])), ...vec(f.results ? [[I32]] : [])])));
  const imports = section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x03, ...uleb(1), ...uleb(MAX_PAGES)]]));
  const functions = section(3, vec(funcs.map((_, i) => uleb(i))));
  const exports = section(7, vec(funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i)])));
  const code = section(10, vec(funcs.map((f) => {
    const groups: number[][] = [];
    if (f.locals) groups.push([...uleb(f.locals), I32]);
    if (f.f64Locals) groups.push([...uleb(f.f64Locals), F64]);
    if (f.v128Locals) groups.push([...uleb(f.v128Locals), V128]);
    const body = [...vec(groups), ...flatten(f.body), 0x0b];
    return [...uleb(body.length), ...body];
  })));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...functions, ...exports, ...code]);
}
