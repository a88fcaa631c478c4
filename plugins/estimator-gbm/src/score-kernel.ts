import { compileModule, createMemory, instantiate, type WasmMemory } from './kernels.js';
import { encodeModule, op, type Code } from './wasm-encoder.js';

/**
 * Tree scoring as WebAssembly, for `Scorer`: compiled code from the first call (a cold JavaScript loop runs
 * interpreted until V8 optimizes it, which cost more than the scoring itself on a one-off predict of a few
 * thousand rows) and no bounds checks.
 *
 * score(nodes, limits, values, roots, trees, outputs, data, n, raw, lo, hi, stride): for rows lo..hi-1 of the
 * row-major float64 `data` (`stride` bytes per row) and each tree t in order, adds the value of the row's leaf to
 * `raw[(t % outputs) * n + row]`. Node i is 4 int32 at `nodes + 16 i`: 8 × feature (the value's byte offset in
 * a row), flags, left, right, with its float threshold at `limits + 8 i` and its value at `values + 8 i`: a row
 * goes left when its value is `<= limit`, or missing and flag bit 0 is set. Flag bit 1 marks a leaf, which is its own left and right child
 * with limit +Infinity, so a step from a leaf stays there. All pointers are byte addresses.
 */
export interface ScoreKernel {
  score(nodes: number, limits: number, values: number, roots: number, trees: number, outputs: number, data: number, n: number, raw: number, lo: number, hi: number, stride: number): void;
  /** transpose(src, dst, m, cols): copies the column-major m × cols float64 at `src` to row-major at `dst`. */
  transpose(src: number, dst: number, m: number, cols: number): void;
}

/** Flag bits of a node (see `ScoreKernel`). */
export const MISSING_LEFT = 1, LEAF = 2;

/** Rows that descend a tree together (see `score`): 4, 6, 12 and 16 were slower on adult and california. */
const LANES = 8;

const NODES = 0, LIMITS = 1, VALUES = 2, ROOTS = 3, TREES = 4, OUTPUTS = 5, DATA = 6, N = 7, RAW = 8, LO = 9, HI = 10, STRIDE = 11;
const T = 12, OUT = 13, ROOT = 14, I = 15, P = 16, A = 17, NODE = 18;
/** Locals holding each lane's current node, and the address of its row. */
const LANE = Array.from({ length: LANES }, (_, k) => NODE + k);
const ROW = Array.from({ length: LANES }, (_, k) => NODE + LANES + k);

/** Moves `node` (a local) one level down for the row at `row` (a local); a leaf stays where it is. */
function step(node: number, row: number): Code {
  return [
    // p = nodes + 16 node; a = row + 8 feature
    op.get(NODES), op.get(node), op.i32(4), op.shl, op.add, op.tee(P),
    op.load32(), op.get(row), op.add, op.set(A),
    // node = load32(p + 8 + 4 (left ^ 1)), left = (v <= limit) | (v != v & flags)
    op.get(P),
    op.get(A), op.f64Load(), op.get(LIMITS), op.get(node), op.i32(3), op.shl, op.add, op.f64Load(), op.f64Le,
    op.get(A), op.f64Load(), op.get(A), op.f64Load(), op.f64Ne, op.get(P), op.load32(4), op.and, op.or,
    op.i32(1), op.xor, op.i32(2), op.shl, op.add, op.load32(8), op.set(node),
  ];
}

/** The flags of node `node` (a local). */
const flags = (node: number): Code => [op.get(NODES), op.get(node), op.i32(4), op.shl, op.add, op.load32(4)];

/** raw[out + i + k] += values[node] */
function addLeaf(node: number, k: number): Code {
  return [
    op.get(OUT), op.get(I), op.i32(k), op.add, op.i32(3), op.shl, op.add, op.tee(A),
    op.get(A), op.f64Load(), op.get(VALUES), op.get(node), op.i32(3), op.shl, op.add, op.f64Load(), op.f64Add, op.f64Store(),
  ];
}

// LANES rows descend a tree together, every one of them one level per round without a branch of its own (rows
// at a leaf stay there), until all reached a leaf: their steps are independent, so the CPU overlaps their loads
// instead of waiting on one chain of them, and no branch depends on where a row goes.
const score: Code = [
  op.i32(0), op.set(T),
  op.block, op.loop,
  op.get(T), op.get(TREES), op.geU, op.brIf(1),
  op.get(ROOTS), op.get(T), op.i32(2), op.shl, op.add, op.load32(), op.set(ROOT),
  // out = raw + 8 n (t % outputs)
  op.get(T), op.get(OUTPUTS), op.remU, op.get(N), op.mul, op.i32(3), op.shl, op.get(RAW), op.add, op.set(OUT),
  op.get(LO), op.set(I),
  // Rows in groups while a whole group remains.
  op.block, op.loop,
  op.get(I), op.i32(LANES), op.add, op.get(HI), op.leU, op.eqz, op.brIf(1),
  // row_k = data + stride (i + k)
  LANE.map((l, k) => [op.get(ROOT), op.set(l), op.get(I), op.i32(k), op.add, op.get(STRIDE), op.mul, op.get(DATA), op.add, op.set(ROW[k])]),
  op.block, op.loop,
  LANE.map((l, k) => step(l, ROW[k])),
  LANE.map((l, k) => (k === 0 ? flags(l) : [flags(l), op.and])), op.i32(LEAF), op.and, op.brIf(1),
  op.br(0), op.end, op.end,
  LANE.map((l, k) => addLeaf(l, k)),
  op.get(I), op.i32(LANES), op.add, op.set(I),
  op.br(0), op.end, op.end,
  // The last rows one at a time.
  op.block, op.loop,
  op.get(I), op.get(HI), op.geU, op.brIf(1),
  op.get(ROOT), op.set(NODE),
  op.get(I), op.get(STRIDE), op.mul, op.get(DATA), op.add, op.set(ROW[0]),
  op.block, op.loop,
  flags(NODE), op.i32(LEAF), op.and, op.brIf(1),
  step(NODE, ROW[0]),
  op.br(0), op.end, op.end,
  addLeaf(NODE, 0),
  op.get(I), op.i32(1), op.add, op.set(I),
  op.br(0), op.end, op.end,
  op.get(T), op.i32(1), op.add, op.set(T),
  op.br(0), op.end, op.end,
];

// transpose(src, dst, m, cols); locals: column, row, source and destination addresses.
const X_SRC = 0, X_DST = 1, X_M = 2, X_COLS = 3, X_J = 4, X_R = 5, X_S = 6, X_D = 7;
const transpose: Code = [
  op.i32(0), op.set(X_J),
  op.block, op.loop,
  op.get(X_J), op.get(X_COLS), op.geU, op.brIf(1),
  // s = src + 8 m j; d = dst + 8 j
  op.get(X_J), op.get(X_M), op.mul, op.i32(3), op.shl, op.get(X_SRC), op.add, op.set(X_S),
  op.get(X_J), op.i32(3), op.shl, op.get(X_DST), op.add, op.set(X_D),
  op.i32(0), op.set(X_R),
  op.block, op.loop,
  op.get(X_R), op.get(X_M), op.geU, op.brIf(1),
  op.get(X_D), op.get(X_S), op.f64Load(), op.f64Store(),
  op.get(X_S), op.i32(8), op.add, op.set(X_S),
  op.get(X_D), op.get(X_COLS), op.i32(3), op.shl, op.add, op.set(X_D),
  op.get(X_R), op.i32(1), op.add, op.set(X_R),
  op.br(0), op.end, op.end,
  op.get(X_J), op.i32(1), op.add, op.set(X_J),
  op.br(0), op.end, op.end,
];

const PAGE = 65536;

/** The calling thread's scoring memory and kernel, and which model's nodes the memory holds. */
export interface ScoreMemory {
  readonly memory: WasmMemory;
  readonly kernel: ScoreKernel;
  /** `Scorer.id` of the model whose arrays sit at the start of the memory (0: none). */
  loaded: number;
}

/**
 * Shared by every model in this thread (a model keeps no memory of its own: each would reserve the memory's
 * whole address range). Grown on demand, never shrunk; scoring works in chunks of rows, so it stays about the
 * size of the largest model plus one chunk.
 */
let shared: ScoreMemory | null = null;

/** The scoring kernel over a memory of at least `bytes` bytes. */
export function scoreMemory(bytes: number): ScoreMemory {
  if (shared === null) {
    const memory = createMemory(1);
    const module = compileModule(encodeModule([
      { name: 'score', params: 12, locals: NODE + 2 * LANES - 12, body: score },
      { name: 'transpose', params: 4, locals: 4, body: transpose },
    ]));
    shared = { memory, kernel: instantiate(module, memory) as ScoreKernel, loaded: 0 };
  }
  const have = shared.memory.buffer.byteLength;
  if (bytes > have) shared.memory.grow(Math.ceil((bytes - have) / PAGE));
  return shared;
}
