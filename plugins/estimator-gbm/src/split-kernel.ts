import { op, type Code } from './wasm-encoder.js';

/**
 * `findSplit` (split.ts) as WebAssembly, for `Kernels.split`: the same scan with the same float64 operations in
 * the same order, so it picks the same split with the same sums, bit for bit (a test compares the two). In a cold
 * fit the JavaScript scan spent most of its calls interpreted or half-optimized (10% of adult's fit profile).
 *
 * split(hist, features, nFeatures, offsets, valueBins, io): scans the histogram at byte address `hist` over the
 * int32 `features[0..nFeatures)`; `offsets` and `valueBins` are the layout's int32 arrays. `io` holds float64
 * inputs G, H, N − minSamplesLeaf, λ, minSamplesLeaf, minChildWeight at [0..6), and receives the best gain, GL,
 * HL, NL and the feature's missing count at [6..11) and int32 feature (−1: none), threshold and missing-left at
 * byte offsets 88, 92, 96.
 */
export const SPLIT_IO_BYTES = 104;

const HIST = 0, FEATS = 1, NF = 2, OFFS = 3, VBINS = 4, IO = 5;
// i32 locals
const FI = 6, J = 7, BASE = 8, AT = 9, END = 10, BIN = 11, BF = 12, BT = 13, BL = 14;
// f64 locals
const G = 15, H = 16, LAST = 17, L2 = 18, MINN = 19, MINH = 20, PARENT = 21, BGAIN = 22, BG = 23, BH = 24, BN = 25, BMISS = 26;
const MG = 27, MH = 28, MN = 29, CG = 30, CH = 31, CN = 32, NB = 33, GAIN = 34, LG = 35, LH = 36, LN = 37, GR = 38;
export const SPLIT_LOCALS = { params: 6, i32: 9, f64: 24 };

const ioLoad = (i: number): Code => [op.get(IO), op.f64Load(8 * i)];

/** gain = (a²)/(b + λ) + ((G − a)²)/(H − b + λ) − parent, with G − a kept in GR. */
function gainOf(a: number, b: number): Code {
  return [
    op.get(G), op.get(a), op.f64Sub, op.set(GR),
    op.get(a), op.get(a), op.f64Mul, op.get(b), op.get(L2), op.f64Add, op.f64Div,
    op.get(GR), op.get(GR), op.f64Mul, op.get(H), op.get(b), op.f64Sub, op.get(L2), op.f64Add, op.f64Div,
    op.f64Add, op.get(PARENT), op.f64Sub, op.tee(GAIN),
  ];
}

/** If gain > best: remember this candidate (sums a, b, c; missing left or not). */
function keep(a: number, b: number, c: number, left: number): Code {
  return [
    op.get(BGAIN), op.f64Gt, op.if,
    op.get(GAIN), op.set(BGAIN), op.get(J), op.set(BF), op.get(BIN), op.set(BT), op.i32(left), op.set(BL),
    op.get(a), op.set(BG), op.get(b), op.set(BH), op.get(c), op.set(BN), op.get(MN), op.set(BMISS),
    op.end,
  ];
}

export const splitBody: Code = [
  ioLoad(0), op.set(G), ioLoad(1), op.set(H), ioLoad(2), op.set(LAST), ioLoad(3), op.set(L2), ioLoad(4), op.set(MINN), ioLoad(5), op.set(MINH),
  op.get(G), op.get(G), op.f64Mul, op.get(H), op.get(L2), op.f64Add, op.f64Div, op.set(PARENT),
  op.f64(0), op.set(BGAIN), op.i32(-1), op.set(BF),
  op.i32(0), op.set(FI),
  op.block, op.loop,
  op.get(FI), op.get(NF), op.geU, op.brIf(1),
  // j = features[fi]; base = hist + 24 offsets[j]; end = base + 24 valueBins[j]
  op.get(FEATS), op.get(FI), op.i32(2), op.shl, op.add, op.load32(), op.tee(J), op.i32(2), op.shl, op.tee(AT),
  op.get(OFFS), op.add, op.load32(), op.i32(24), op.mul, op.get(HIST), op.add, op.tee(BASE),
  op.get(VBINS), op.get(AT), op.add, op.load32(), op.i32(24), op.mul, op.add, op.set(END),
  op.get(BASE), op.f64Load(), op.set(MG), op.get(BASE), op.f64Load(8), op.set(MH), op.get(BASE), op.f64Load(16), op.set(MN),
  op.f64(0), op.set(CG), op.f64(0), op.set(CH), op.f64(0), op.set(CN),
  op.i32(0), op.set(BIN), op.get(BASE), op.set(AT),
  op.block, op.loop,
  // at += 24; bin++; while at <= end
  op.get(AT), op.i32(24), op.add, op.tee(AT), op.get(END), op.gtU, op.brIf(1),
  op.get(BIN), op.i32(1), op.add, op.set(BIN),
  // An empty bin repeats the previous threshold's partition.
  op.get(AT), op.f64Load(16), op.tee(NB), op.f64(0), op.f64Eq, op.brIf(0),
  op.get(CG), op.get(AT), op.f64Load(), op.f64Add, op.set(CG),
  op.get(CH), op.get(AT), op.f64Load(8), op.f64Add, op.set(CH),
  op.get(CN), op.get(NB), op.f64Add, op.tee(CN), op.get(LAST), op.f64Gt, op.brIf(1),
  // Missing rows on the right.
  op.get(CN), op.get(MINN), op.f64Ge, op.get(CH), op.get(MINH), op.f64Ge, op.and,
  op.get(H), op.get(CH), op.f64Sub, op.get(MINH), op.f64Ge, op.and, op.if,
  gainOf(CG, CH), keep(CG, CH, CN, 0),
  op.end,
  op.get(MN), op.f64(0), op.f64Eq, op.brIf(0),
  // Missing rows on the left.
  op.get(CG), op.get(MG), op.f64Add, op.set(LG),
  op.get(CH), op.get(MH), op.f64Add, op.set(LH),
  op.get(CN), op.get(MN), op.f64Add, op.set(LN),
  op.get(LN), op.get(MINN), op.f64Ge, op.get(LN), op.get(LAST), op.f64Le, op.and, op.get(LH), op.get(MINH), op.f64Ge, op.and,
  op.get(H), op.get(LH), op.f64Sub, op.get(MINH), op.f64Ge, op.and, op.if,
  gainOf(LG, LH), keep(LG, LH, LN, 1),
  op.end,
  op.br(0), op.end, op.end,
  op.get(FI), op.i32(1), op.add, op.set(FI),
  op.br(0), op.end, op.end,
  op.get(IO), op.get(BGAIN), op.f64Store(48), op.get(IO), op.get(BG), op.f64Store(56), op.get(IO), op.get(BH), op.f64Store(64),
  op.get(IO), op.get(BN), op.f64Store(72), op.get(IO), op.get(BMISS), op.f64Store(80),
  op.get(IO), op.get(BF), op.store32(88), op.get(IO), op.get(BT), op.store32(92), op.get(IO), op.get(BL), op.store32(96),
];
