import { compileModule, instantiate, type WasmMemory } from './kernels.js';
import { encodeModule, op, type Code } from './wasm-encoder.js';

/**
 * A histogram build specialized for one fit's features, used when a build takes every feature (no column
 * subsampling) on one thread: row by row, each row's (g, h) pair loaded once and added to the slot of every feature,
 * with each feature's bin address and first histogram slot constants in the code (memory-access offsets) and the
 * loop over features unrolled, so an update is a byte load and the slot's adds. Measured on adult (14 features):
 * the generic kernels' per-feature loops, table lookups and reloads cost about twice as much per update.
 *
 * build(hist, bins, rowBins, rows, start, m, gh, identity): for the node rows `rows[start..start+m)` (or
 * start..start+m-1 when `identity` is 1), the sums `Kernels.build` and `Kernels.buildRows` add, each slot's in the
 * same (row) order, so the histograms are bit for bit the same.
 */
export interface FeatureKernel {
  build(hist: number, bins: number, rowBins: number, rows: number, start: number, m: number, gh: number, identity: number): void;
}

/** The features of a build: column-major ones (byte offset of the column, first slot), and row-major ones' slots. */
export interface FeaturePlan {
  readonly columns: readonly (readonly [number, number])[];
  readonly rowSlots: readonly number[];
}

const HIST = 0, BINS = 1, ROW_BINS = 2, ROWS = 3, START = 4, M = 5, GH = 6, IDENTITY = 7;
const I = 8, ROW = 9, COL = 10, RB = 11, S = 12, GV = 13;

/** s = hist + 24 bin; slot s + slot: (g, h) += gv, n += 1 */
function update(bin: Code, slot: number): Code {
  return [
    bin, op.i32(24), op.mul, op.get(HIST), op.add, op.tee(S),
    op.get(S), op.v128Load(slot), op.get(GV), op.f64x2Add, op.v128Store(slot),
    op.get(S), op.get(S), op.f64Load(slot + 16), op.f64One, op.f64Add, op.f64Store(slot + 16),
  ];
}

function body(plan: FeaturePlan): Code {
  const stride = plan.rowSlots.length;
  return [
    op.i32(0), op.set(I),
    op.block, op.loop,
    op.get(I), op.get(M), op.geU, op.brIf(1),
    // row = identity ? start + i : rows[start + i]; col = bins + row; rb = rowBins + stride row; gv = gh[i]
    op.get(START), op.get(I), op.add, op.tee(ROW),
    op.get(ROWS), op.get(ROW), op.i32(2), op.shl, op.add, op.load32(),
    op.get(IDENTITY), op.select, op.tee(ROW), op.get(BINS), op.add, op.set(COL),
    stride > 0 ? [op.get(ROW), op.i32(stride), op.mul, op.get(ROW_BINS), op.add, op.set(RB)] : [],
    op.get(GH), op.get(I), op.i32(4), op.shl, op.add, op.v128Load(), op.set(GV),
    plan.columns.map(([at, slot]) => update([op.get(COL), op.load8(at)], slot)),
    plan.rowSlots.map((slot, r) => update([op.get(RB), op.load8(r)], slot)),
    op.get(I), op.i32(1), op.add, op.set(I),
    op.br(0), op.end, op.end,
  ];
}

/** Compiled kernels by plan: an AutoML search fits the same columns again and again. */
const modules = new Map<string, object>();
const MAX_CACHED = 64;

/** The kernel for `plan` over `memory`. */
export function featureKernel(plan: FeaturePlan, memory: WasmMemory): FeatureKernel {
  const key = `${plan.columns.join(';')}|${plan.rowSlots.join(',')}`;
  let module = modules.get(key);
  if (module === undefined) {
    if (modules.size >= MAX_CACHED) modules.clear();
    module = compileModule(encodeModule([{ name: 'build', params: 8, locals: 5, v128Locals: 1, body: body(plan) }]));
    modules.set(key, module);
  }
  return instantiate(module, memory) as FeatureKernel;
}
