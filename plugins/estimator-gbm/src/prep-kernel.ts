import { compileModule, instantiate, type WasmMemory } from './kernels.js';
import { encodeModule, op, type Code } from './wasm-encoder.js';

/**
 * The one-off loops of setting up a fit's histogram memory (`HistogramArena`), as WebAssembly: once per fit they
 * ran as cold JavaScript, interpreted and then optimized on the stack (adult: 12 ms of a 200 ms fit in a profile).
 *
 * counts(column, n, out): `out[b]` (256 int32) = how many of the `n` bytes at `column` equal b.
 * interleave(src, n, dst, stride): `dst[i * stride] = src[i]` for the `n` bytes at `src`.
 * addValue(scores, rows, start, end, value): `scores[rows[i]] += value` (float64 at `value`) for i in start..end-1,
 * after each tree (boosting's score update, once per leaf: it too ran cold in JavaScript).
 */
export interface PrepKernel {
  counts(column: number, n: number, out: number): void;
  interleave(src: number, n: number, dst: number, stride: number): void;
  addValue(scores: number, rows: number, start: number, end: number, value: number): void;
}

const C_COL = 0, C_N = 1, C_OUT = 2, C_I = 3, C_A = 4;
const counts: Code = [
  op.i32(0), op.set(C_I),
  op.block, op.loop,
  op.get(C_I), op.i32(256), op.geU, op.brIf(1),
  op.get(C_OUT), op.get(C_I), op.i32(2), op.shl, op.add, op.i32(0), op.store32(),
  op.get(C_I), op.i32(1), op.add, op.set(C_I),
  op.br(0), op.end, op.end,
  op.i32(0), op.set(C_I),
  op.block, op.loop,
  op.get(C_I), op.get(C_N), op.geU, op.brIf(1),
  op.get(C_OUT), op.get(C_COL), op.get(C_I), op.add, op.load8(), op.i32(2), op.shl, op.add, op.tee(C_A),
  op.get(C_A), op.load32(), op.i32(1), op.add, op.store32(),
  op.get(C_I), op.i32(1), op.add, op.set(C_I),
  op.br(0), op.end, op.end,
];

const X_SRC = 0, X_N = 1, X_DST = 2, X_STRIDE = 3, X_I = 4;
const interleave: Code = [
  op.i32(0), op.set(X_I),
  op.block, op.loop,
  op.get(X_I), op.get(X_N), op.geU, op.brIf(1),
  op.get(X_DST), op.get(X_I), op.get(X_STRIDE), op.mul, op.add, op.get(X_SRC), op.get(X_I), op.add, op.load8(), op.store8(),
  op.get(X_I), op.i32(1), op.add, op.set(X_I),
  op.br(0), op.end, op.end,
];

const A_SCORES = 0, A_ROWS = 1, A_START = 2, A_END = 3, A_VALUE = 4, A_I = 5, A_AT = 6, A_V = 7;
const addValue: Code = [
  op.get(A_VALUE), op.f64Load(), op.set(A_V),
  op.get(A_START), op.set(A_I),
  op.block, op.loop,
  op.get(A_I), op.get(A_END), op.geU, op.brIf(1),
  op.get(A_SCORES), op.get(A_ROWS), op.get(A_I), op.i32(2), op.shl, op.add, op.load32(), op.i32(3), op.shl, op.add, op.tee(A_AT),
  op.get(A_AT), op.f64Load(), op.get(A_V), op.f64Add, op.f64Store(),
  op.get(A_I), op.i32(1), op.add, op.set(A_I),
  op.br(0), op.end, op.end,
];

let module: object | null = null;

/** The kernels over `memory`. */
export function prepKernel(memory: WasmMemory): PrepKernel {
  module ??= compileModule(encodeModule([
    { name: 'counts', params: 3, locals: 2, body: counts },
    { name: 'interleave', params: 4, locals: 1, body: interleave },
    { name: 'addValue', params: 5, locals: 2, f64Locals: 1, body: addValue },
  ]));
  return instantiate(module, memory) as PrepKernel;
}
