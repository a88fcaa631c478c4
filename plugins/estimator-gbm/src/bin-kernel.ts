import { inputError, type Matrix } from '@autopipe/core';
import { binMatrix, MISSING_BIN, type BinEdges, type BinnedMatrix } from '@autopipe/trees';
import { compileModule, createMemory, instantiate } from './kernels.js';
import { encodeModule, op, type Code } from './wasm-encoder.js';

/**
 * bin(src, n, edges, first, end, dst): for each of the `n` float64 values at `src`, writes one byte to `dst`:
 * `MISSING_BIN` (0) for NaN, else 1 + the number of `edges[first..end)` (float64, sorted) below the value —
 * `binMatrix`'s bins (@autopipe/trees), by a binary search whose steps choose by `select`, not by a branch.
 */
interface BinKernel {
  bin(src: number, n: number, edges: number, first: number, end: number, dst: number): void;
}

const SRC = 0, N = 1, EDGES = 2, FIRST = 3, END = 4, DST = 5;
const I = 6, V = 7, BASE = 8, LEN = 9, HALF = 10, C = 11;
const value: Code = [op.get(V), op.f64Load()];
const bin: Code = [
  op.i32(0), op.set(I),
  op.block, op.loop,
  op.get(I), op.get(N), op.geU, op.brIf(1),
  op.get(SRC), op.get(I), op.i32(3), op.shl, op.add, op.set(V),
  value, value, op.f64Ne,
  op.if,
  op.get(DST), op.get(I), op.add, op.i32(MISSING_BIN), op.store8(),
  op.else,
  // Lower bound: base = first; len = end - first; while len > 0: c = edges[base + half] < v, half = len >> 1;
  // base = c ? base + half + 1 : base; len = c ? len - half - 1 : half. The bin is base - first + 1.
  op.get(FIRST), op.set(BASE), op.get(END), op.get(FIRST), op.sub, op.set(LEN),
  op.block, op.loop,
  op.get(LEN), op.eqz, op.brIf(1),
  op.get(LEN), op.i32(1), op.shrU, op.set(HALF),
  op.get(EDGES), op.get(BASE), op.get(HALF), op.add, op.i32(3), op.shl, op.add, op.f64Load(), value, op.f64Lt, op.set(C),
  op.get(BASE), op.get(HALF), op.add, op.i32(1), op.add, op.get(BASE), op.get(C), op.select, op.set(BASE),
  op.get(LEN), op.get(HALF), op.sub, op.i32(1), op.sub, op.get(HALF), op.get(C), op.select, op.set(LEN),
  op.br(0), op.end, op.end,
  op.get(DST), op.get(I), op.add, op.get(BASE), op.get(FIRST), op.sub, op.i32(1), op.add, op.store8(),
  op.end,
  op.get(I), op.i32(1), op.add, op.set(I),
  op.br(0), op.end, op.end,
];

let module: object | null = null;
const PAGE = 65536;

/**
 * Matrices up to this many values are binned by the WebAssembly kernel, larger ones by `binMatrix`. The kernel runs
 * compiled from the first value, where `binMatrix` spends a cold fit's first milliseconds warming up (adult,
 * 364,686 values: 7-14 ms against 18-40 ms cold, both about 4 ms warm; california 3 against 11-15 ms); but its
 * plain binary search costs about 22 ns a value against `binMatrix`'s table lookup once compiled (160,000 × 30
 * synthetic: 110 against 70 ms).
 */
export const MAX_WASM_BIN_VALUES = 1_000_000;

/**
 * `binMatrix(x, edges)` (@autopipe/trees), the same bins byte for byte, for a fit: by the WebAssembly kernel up to
 * `MAX_WASM_BIN_VALUES` values when every column's bins fit a byte, else by `binMatrix` itself.
 */
export function binForFit(x: Matrix, e: BinEdges): BinnedMatrix {
  const n = x.rows;
  const cols = e.offsets.length - 1;
  if (x.cols !== cols) throw inputError('SCHEMA_MISMATCH', `The model was trained on ${cols} columns but got ${x.cols}; pass the same columns as in training.`);
  const valueBins = new Int32Array(cols);
  for (let j = 0; j < cols; j++) valueBins[j] = e.offsets[j + 1] - e.offsets[j] + 1;
  if (n * cols > MAX_WASM_BIN_VALUES || valueBins.some((b) => b > 255)) return binMatrix(x, e);
  // Scratch memory for this call: the column being binned, the edges, then the bins.
  const edgesAt = 0;
  const srcAt = (e.edges.length * 8 + 15) & ~15;
  const dstAt = srcAt + n * 8;
  const memory = createMemory(Math.max(1, Math.ceil((dstAt + n * cols) / PAGE)));
  module ??= compileModule(encodeModule([{ name: 'bin', params: 6, locals: 6, body: bin }]));
  const k = instantiate(module, memory) as BinKernel;
  const buffer = memory.buffer;
  new Float64Array(buffer, edgesAt, e.edges.length).set(e.edges);
  const src = new Float64Array(buffer, srcAt, n);
  for (let j = 0; j < cols; j++) {
    src.set(x.data.subarray(j * n, (j + 1) * n));
    k.bin(srcAt, n, edgesAt, e.offsets[j], e.offsets[j + 1], dstAt + j * n);
  }
  return { rows: n, cols, bins: new Uint8Array(buffer, dstAt, n * cols).slice(), valueBins };
}
