import { SPLIT_LOCALS, splitBody } from './split-kernel.js';
import { encodeModule, MAX_PAGES, op, type Code } from './wasm-encoder.js';

/**
 * The histogram hot loop, as WebAssembly. Measured on this project's 2-core box, the same loop in JavaScript
 * costs about 3.6 ns per (row, feature) update and this one 0.85 ns: no bounds checks, and the gradient/hessian
 * pair is added as one SIMD f64x2. Emitted from `wasm-encoder.ts` at first use (a few hundred bytes).
 *
 * Histogram slot layout (24 bytes): [gradient sum, hessian sum, row count]. Gradients are passed
 * interleaved as (g, h) pairs in node order ("ordered gradients").
 */
export interface Kernels {
  /**
   * build(hist, bins, n, features, nFeatures, slotOffsets, rows, start, m, gh, identity): for each feature j in
   * `features[0..nFeatures)` adds node row i's (g, h) pair `gh[i]` and 1 to the slot `slotOffsets[j] + bin`,
   * where the row is `rows[start + i]`, or `start + i` when `identity` is 1. All pointers are byte addresses;
   * `bins` is column-major with `n` rows.
   */
  build(hist: number, bins: number, n: number, features: number, nFeatures: number, offsets: number, rows: number, start: number, m: number, gh: number, identity: number): void;
  /**
   * buildRows(hist, bins, cols, pairs, nFeatures, rows, start, m, gh, identity): the same sums as `build`, from
   * row-major bins (`cols` bytes per row), row by row: `pairs` holds per feature an int32 column index and the
   * int32 byte offset of its first slot in a histogram. Consecutive updates go to different features, so a
   * feature with few bins does not chain every row's add to the previous row's store on the same slot.
   */
  buildRows(hist: number, bins: number, cols: number, pairs: number, nFeatures: number, rows: number, start: number, m: number, gh: number, identity: number): void;
  /** sub(parent, child, bytes): parent -= child over `bytes` (a multiple of 16). */
  sub(parent: number, child: number, bytes: number): void;
  /**
   * partition(rows, scratch, column, start, end, threshold, missingLeft): moves the rows of `rows[start..end)`
   * (int32) that go left (`bin <= threshold`, or missing and `missingLeft`) to the front in order, writes the
   * others in order to `scratch[0..)`, and returns where the right rows start. The caller copies them back.
   * Branch-free: each row is written to both places and only the matching cursor advances.
   */
  partition(rows: number, scratch: number, column: number, start: number, end: number, threshold: number, missingLeft: number): number;
  /**
   * gather(gh, grad, hess, rows, start, m, identity, constantHessian): writes the (g, h) pairs of node rows
   * `rows[start..start+m)` (or `start..start+m-1` when `identity` is 1) to `gh` in node order, with h = 1 when
   * `constantHessian` is 1 (then `hess` is only read, never used, so any valid address will do).
   */
  gather(gh: number, grad: number, hess: number, rows: number, start: number, m: number, identity: number, constantHessian: number): void;
  /**
   * sums(rows, grad, hess, count, identity, constantHessian, out): sets `rows[i] = i` for i < count when `identity`
   * is 1, then writes to `out` the float64 sums of `grad[rows[i]]` and (unless `constantHessian`) `hess[rows[i]]`
   * over i < count, each added in that order.
   */
  sums(rows: number, grad: number, hess: number, count: number, identity: number, constantHessian: number, out: number): void;
  /** split(hist, features, nFeatures, offsets, valueBins, io): `findSplit`'s scan (see split-kernel.ts). */
  split(hist: number, features: number, nFeatures: number, offsets: number, valueBins: number, io: number): void;
}

// build's parameters and locals.
const HIST = 0, BINS = 1, N = 2, FEATS = 3, NF = 4, OFFS = 5, ROWS = 6, START = 7, M = 8, GH = 9, IDENTITY = 10;
const FI = 11, BASE = 12, OFF = 13, I = 14, S = 15;

/** s = OFF + 24 bin; then slot[0..1] += gh[i] (one unaligned-tolerant SIMD add), slot[2] += 1. */
function addRow(bin: Code): Code {
  return [
    op.get(OFF), bin, op.load8(), op.i32(24), op.mul, op.add, op.tee(S),
    op.get(S), op.v128Load(), op.get(GH), op.get(I), op.i32(4), op.shl, op.add, op.v128Load(), op.f64x2Add, op.v128Store(),
    op.get(S), op.get(S), op.f64Load(16), op.f64One, op.f64Add, op.f64Store(16),
  ];
}

/** for (i = 0; i < m; i++) body */
function rowLoop(body: Code): Code {
  return [
    op.i32(0), op.set(I),
    op.block, op.loop,
    op.get(I), op.get(M), op.geU, op.brIf(1),
    body,
    op.get(I), op.i32(1), op.add, op.set(I),
    op.br(0), op.end, op.end,
  ];
}

const build: Code = [
  op.i32(0), op.set(FI),
  op.block, op.loop,
  op.get(FI), op.get(NF), op.geU, op.brIf(1),
  // j = features[fi]; base = bins + j * n; off = hist + 24 offsets[j]
  op.get(FEATS), op.get(FI), op.i32(2), op.shl, op.add, op.load32(), op.tee(S),
  op.get(N), op.mul, op.get(BINS), op.add, op.set(BASE),
  op.get(OFFS), op.get(S), op.i32(2), op.shl, op.add, op.load32(), op.i32(24), op.mul, op.get(HIST), op.add, op.set(OFF),
  op.get(IDENTITY), op.if,
  rowLoop(addRow([op.get(BASE), op.get(START), op.add, op.get(I), op.add])),
  op.else,
  rowLoop(addRow([op.get(BASE), op.get(ROWS), op.get(START), op.get(I), op.add, op.i32(2), op.shl, op.add, op.load32(), op.add])),
  op.end,
  op.get(FI), op.i32(1), op.add, op.set(FI),
  op.br(0), op.end, op.end,
];

// buildRows's parameters and locals.
const R_HIST = 0, R_BINS = 1, R_COLS = 2, R_PAIRS = 3, R_NF = 4, R_ROWS = 5, R_START = 6, R_M = 7, R_GH = 8, R_IDENTITY = 9;
const R_I = 10, R_ROW = 11, R_G = 12, R_P = 13, R_END = 14, R_S = 15;
const buildRows: Code = [
  op.get(R_PAIRS), op.get(R_NF), op.i32(3), op.shl, op.add, op.set(R_END),
  op.i32(0), op.set(R_I),
  op.block, op.loop,
  op.get(R_I), op.get(R_M), op.geU, op.brIf(1),
  // row = bins + cols * (identity ? start + i : rows[start + i]); g = gh + 16 i
  op.get(R_START), op.get(R_I), op.add, op.tee(R_ROW),
  op.get(R_ROWS), op.get(R_ROW), op.i32(2), op.shl, op.add, op.load32(),
  op.get(R_IDENTITY), op.select, op.get(R_COLS), op.mul, op.get(R_BINS), op.add, op.set(R_ROW),
  op.get(R_GH), op.get(R_I), op.i32(4), op.shl, op.add, op.set(R_G),
  op.get(R_PAIRS), op.set(R_P),
  op.block, op.loop,
  op.get(R_P), op.get(R_END), op.geU, op.brIf(1),
  // s = hist + pair.offset + 24 row[pair.column]
  op.get(R_HIST), op.get(R_P), op.load32(4), op.add,
  op.get(R_ROW), op.get(R_P), op.load32(), op.add, op.load8(), op.i32(24), op.mul, op.add, op.tee(R_S),
  op.get(R_S), op.v128Load(), op.get(R_G), op.v128Load(), op.f64x2Add, op.v128Store(),
  op.get(R_S), op.get(R_S), op.f64Load(16), op.f64One, op.f64Add, op.f64Store(16),
  op.get(R_P), op.i32(8), op.add, op.set(R_P),
  op.br(0), op.end, op.end,
  op.get(R_I), op.i32(1), op.add, op.set(R_I),
  op.br(0), op.end, op.end,
];

// sub(parent, child, bytes); local 3: offset.
const sub: Code = [
  op.i32(0), op.set(3),
  op.block, op.loop,
  op.get(3), op.get(2), op.geU, op.brIf(1),
  op.get(0), op.get(3), op.add,
  op.get(0), op.get(3), op.add, op.v128Load(),
  op.get(1), op.get(3), op.add, op.v128Load(),
  op.f64x2Sub, op.v128Store(),
  op.get(3), op.i32(16), op.add, op.set(3),
  op.br(0), op.end, op.end,
];

/** The part of the WebAssembly API used here, typed locally: the project's lib settings carry no DOM types. */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

// partition's parameters and locals; P, LP, RP, END are byte addresses (read cursor, left and right write cursors).
const P_ROWS = 0, P_SCRATCH = 1, P_COL = 2, P_START = 3, P_END = 4, P_T = 5, P_ML = 6;
const P_P = 7, P_LP = 8, P_RP = 9, P_E = 10, P_ROW = 11, P_ROW2 = 12, P_D = 13, P_D2 = 14, P_LAST = 15;

/** d = 4 × (row goes left): b == 0 ? missingLeft : b <= t, for the row in local `row`. */
const leftBytes = (row: number, d: number): Code => [
  op.get(P_ML), op.get(P_COL), op.get(row), op.add, op.load8(), op.tee(d), op.get(P_T), op.leU, op.get(d), op.eqz, op.select, op.i32(2), op.shl, op.set(d),
];
/** rows[lp] = row; scratch[rp] = row; lp += d; rp += 4 - d */
const place = (row: number, d: number): Code => [
  op.get(P_LP), op.get(row), op.store32(), op.get(P_RP), op.get(row), op.store32(),
  op.get(P_LP), op.get(d), op.add, op.set(P_LP),
  op.get(P_RP), op.i32(4), op.add, op.get(d), op.sub, op.set(P_RP),
];
// Two rows per round (both loads before both stores: rows[lp] never passes the read cursor), then the last one.
const partition: Code = [
  op.get(P_ROWS), op.get(P_START), op.i32(2), op.shl, op.add, op.tee(P_P), op.set(P_LP), op.get(P_SCRATCH), op.set(P_RP),
  op.get(P_ROWS), op.get(P_END), op.i32(2), op.shl, op.add, op.tee(P_E), op.i32(4), op.sub, op.set(P_LAST),
  op.block, op.loop,
  op.get(P_P), op.get(P_LAST), op.geU, op.brIf(1),
  op.get(P_P), op.load32(), op.set(P_ROW), op.get(P_P), op.load32(4), op.set(P_ROW2),
  leftBytes(P_ROW, P_D), leftBytes(P_ROW2, P_D2),
  place(P_ROW, P_D), place(P_ROW2, P_D2),
  op.get(P_P), op.i32(8), op.add, op.set(P_P),
  op.br(0), op.end, op.end,
  op.get(P_P), op.get(P_E), op.ltU, op.if,
  op.get(P_P), op.load32(), op.set(P_ROW), leftBytes(P_ROW, P_D), place(P_ROW, P_D),
  op.end,
  op.get(P_LP), op.get(P_ROWS), op.sub, op.i32(2), op.shrU,
];

// gather's parameters and locals.
const G_GH = 0, G_GRAD = 1, G_HESS = 2, G_ROWS = 3, G_START = 4, G_M = 5, G_IDENTITY = 6, G_CONST = 7;
const G_I = 8, G_R = 9, G_AT = 10;
const gather: Code = [
  op.i32(0), op.set(G_I),
  op.block, op.loop,
  op.get(G_I), op.get(G_M), op.geU, op.brIf(1),
  // r = identity ? start + i : rows[start + i]; at = gh + 16 i
  op.get(G_START), op.get(G_I), op.add, op.tee(G_R),
  op.get(G_ROWS), op.get(G_R), op.i32(2), op.shl, op.add, op.load32(),
  op.get(G_IDENTITY), op.select, op.i32(3), op.shl, op.set(G_R),
  op.get(G_GH), op.get(G_I), op.i32(4), op.shl, op.add, op.tee(G_AT),
  op.get(G_GRAD), op.get(G_R), op.add, op.f64Load(), op.f64Store(),
  op.get(G_AT), op.f64One, op.get(G_HESS), op.get(G_R), op.add, op.f64Load(), op.get(G_CONST), op.select, op.f64Store(8),
  op.get(G_I), op.i32(1), op.add, op.set(G_I),
  op.br(0), op.end, op.end,
];

// sums's parameters and locals.
const S_ROWS = 0, S_GRAD = 1, S_HESS = 2, S_COUNT = 3, S_IDENTITY = 4, S_CONST = 5, S_OUT = 6;
const S_I = 7, S_R = 8, S_G = 9, S_H = 10;
const sums: Code = [
  op.get(S_IDENTITY), op.if,
  op.i32(0), op.set(S_I),
  op.block, op.loop,
  op.get(S_I), op.get(S_COUNT), op.geU, op.brIf(1),
  op.get(S_ROWS), op.get(S_I), op.i32(2), op.shl, op.add, op.get(S_I), op.store32(),
  op.get(S_I), op.i32(1), op.add, op.set(S_I),
  op.br(0), op.end, op.end,
  op.end,
  op.f64(0), op.set(S_G), op.f64(0), op.set(S_H),
  op.i32(0), op.set(S_I),
  op.block, op.loop,
  op.get(S_I), op.get(S_COUNT), op.geU, op.brIf(1),
  // r = 8 rows[i]; G += grad[r]; H += hess[r] unless constant
  op.get(S_ROWS), op.get(S_I), op.i32(2), op.shl, op.add, op.load32(), op.i32(3), op.shl, op.set(S_R),
  op.get(S_G), op.get(S_GRAD), op.get(S_R), op.add, op.f64Load(), op.f64Add, op.set(S_G),
  op.get(S_CONST), op.eqz, op.if,
  op.get(S_H), op.get(S_HESS), op.get(S_R), op.add, op.f64Load(), op.f64Add, op.set(S_H),
  op.end,
  op.get(S_I), op.i32(1), op.add, op.set(S_I),
  op.br(0), op.end, op.end,
  op.get(S_OUT), op.get(S_G), op.f64Store(), op.get(S_OUT), op.get(S_H), op.f64Store(8),
];

let compiled: object | null = null;

/**
 * A shared memory of `pages` 64 KiB pages for the kernels. Shared, so that worker threads can run the kernels
 * on it (see `thread-team.ts`); growing it is seen by every thread, and the maximum only reserves address space.
 */
export function createMemory(pages: number): WasmMemory {
  return new wasm.Memory({ initial: pages, maximum: MAX_PAGES, shared: true });
}

/** The compiled kernel module (compiled once per process, on first use); worker threads get it posted. */
export function kernelModule(): object {
  compiled ??= new wasm.Module(encodeModule([
    { name: 'build', params: 11, locals: 5, body: build },
    { name: 'sub', params: 3, locals: 1, body: sub },
    { name: 'partition', params: 7, locals: 9, results: 1, body: partition },
    { name: 'gather', params: 8, locals: 3, body: gather },
    { name: 'buildRows', params: 10, locals: 6, body: buildRows },
    { name: 'sums', params: 7, locals: 2, f64Locals: 2, body: sums },
    { name: 'split', params: SPLIT_LOCALS.params, locals: SPLIT_LOCALS.i32, f64Locals: SPLIT_LOCALS.f64, body: splitBody },
  ]));
  return compiled;
}

/** Compiles a module emitted by `encodeModule`. */
export function compileModule(bytes: Uint8Array): object {
  return new wasm.Module(bytes);
}

/** Instantiates a compiled module over `memory`; returns its exports. */
export function instantiate(module: object, memory: WasmMemory): unknown {
  return new wasm.Instance(module, { env: { mem: memory } }).exports;
}

/** Instantiates the kernels over `memory`. */
export function createKernels(memory: WasmMemory): Kernels {
  return new wasm.Instance(kernelModule(), { env: { mem: memory } }).exports as Kernels;
}
