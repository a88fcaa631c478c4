import { compileModule, createMemory, instantiate, type WasmMemory } from './kernels.js';
import { encodeModule, op, type Code } from './wasm-encoder.js';

/**
 * Tree scoring as WebAssembly, for `Scorer`: compiled code from the first call (a cold JavaScript loop runs
 * interpreted until V8 optimizes it, which cost more than the scoring itself on a one-off predict of a few
 * thousand rows) and no bounds checks.
 *
 * score(nodes, limits, values, roots, trees, outputs, data, n, raw, lo, hi): for rows lo..hi-1 of the
 * column-major float64 `data` (n rows) and each tree t in order, adds the value of the row's leaf to
 * `raw[(t % outputs) * n + row]`. Node i is 4 int32 at `nodes + 16 i`: feature, missing-left flag, left, right
 * (a child below 0 is the leaf `~child`), with its float threshold at `limits + 8 i`: a row goes left when its
 * value is `<= limit`, or missing and the flag is 1. All pointers are byte addresses.
 */
export interface ScoreKernel {
  score(nodes: number, limits: number, values: number, roots: number, trees: number, outputs: number, data: number, n: number, raw: number, lo: number, hi: number): void;
}

const NODES = 0, LIMITS = 1, VALUES = 2, ROOTS = 3, TREES = 4, OUTPUTS = 5, DATA = 6, N = 7, RAW = 8, LO = 9, HI = 10;
const T = 11, OUT = 12, ROOT = 13, I = 14, NODE = 15, P = 16, A = 17, NA = 18, NB = 19, NC = 20, ND = 21;

/** Moves `node` (a local) one level down for row `i + k`. */
function step(node: number, k: number): Code {
  return [
    // p = nodes + 16 node; a = data + 8 (feature n + i + k)
    op.get(NODES), op.get(node), op.i32(4), op.shl, op.add, op.tee(P),
    op.load32(), op.get(N), op.mul, op.get(I), op.add, op.i32(k), op.add, op.i32(3), op.shl, op.get(DATA), op.add, op.set(A),
    // node = load32(p + 8 + 4 (left ^ 1)), left = (v <= limit) | (v != v & missingLeft)
    op.get(P),
    op.get(A), op.f64Load(), op.get(LIMITS), op.get(node), op.i32(3), op.shl, op.add, op.f64Load(), op.f64Le,
    op.get(A), op.f64Load(), op.get(A), op.f64Load(), op.f64Ne, op.get(P), op.load32(4), op.and, op.or,
    op.i32(1), op.xor, op.i32(2), op.shl, op.add, op.load32(8), op.set(node),
  ];
}

/** `step` unless `node` already reached a leaf. */
const stepIfSplit = (node: number, k: number): Code => [op.get(node), op.i32(0), op.ltS, op.eqz, op.if, step(node, k), op.end];

/** raw[out + i + k] += values[~node] */
function addLeaf(node: number, k: number): Code {
  return [
    op.get(OUT), op.get(I), op.i32(k), op.add, op.i32(3), op.shl, op.add, op.tee(A),
    op.get(A), op.f64Load(), op.get(VALUES), op.get(node), op.i32(-1), op.xor, op.i32(3), op.shl, op.add, op.f64Load(), op.f64Add, op.f64Store(),
  ];
}

// Four rows descend a tree together: their steps are independent, so the CPU overlaps their loads instead of
// waiting on one chain of them (one row at a time was 2x slower).
const score: Code = [
  op.i32(0), op.set(T),
  op.block, op.loop,
  op.get(T), op.get(TREES), op.geU, op.brIf(1),
  op.get(ROOTS), op.get(T), op.i32(2), op.shl, op.add, op.load32(), op.set(ROOT),
  // out = raw + 8 n (t % outputs)
  op.get(T), op.get(OUTPUTS), op.remU, op.get(N), op.mul, op.i32(3), op.shl, op.get(RAW), op.add, op.set(OUT),
  op.get(LO), op.set(I),
  // Rows in fours while four remain.
  op.block, op.loop,
  op.get(I), op.i32(4), op.add, op.get(HI), op.leU, op.eqz, op.brIf(1),
  op.get(ROOT), op.tee(NA), op.tee(NB), op.tee(NC), op.set(ND),
  op.block, op.loop,
  op.get(NA), op.get(NB), op.and, op.get(NC), op.and, op.get(ND), op.and, op.i32(0), op.ltS, op.brIf(1),
  stepIfSplit(NA, 0), stepIfSplit(NB, 1), stepIfSplit(NC, 2), stepIfSplit(ND, 3),
  op.br(0), op.end, op.end,
  addLeaf(NA, 0), addLeaf(NB, 1), addLeaf(NC, 2), addLeaf(ND, 3),
  op.get(I), op.i32(4), op.add, op.set(I),
  op.br(0), op.end, op.end,
  // The last rows one at a time.
  op.block, op.loop,
  op.get(I), op.get(HI), op.geU, op.brIf(1),
  op.get(ROOT), op.set(NODE),
  op.block, op.loop,
  op.get(NODE), op.i32(0), op.ltS, op.brIf(1),
  step(NODE, 0),
  op.br(0), op.end, op.end,
  addLeaf(NODE, 0),
  op.get(I), op.i32(1), op.add, op.set(I),
  op.br(0), op.end, op.end,
  op.get(T), op.i32(1), op.add, op.set(T),
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
    const module = compileModule(encodeModule([{ name: 'score', params: 11, locals: 11, body: score }]));
    shared = { memory, kernel: instantiate(module, memory) as ScoreKernel, loaded: 0 };
  }
  const have = shared.memory.buffer.byteLength;
  if (bytes > have) shared.memory.grow(Math.ceil((bytes - have) / PAGE));
  return shared;
}
