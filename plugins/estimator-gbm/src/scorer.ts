import type { BinEdges } from '@autopipe/trees';
import type { Ensemble } from './ensemble.js';
import { LEAF, MISSING_LEFT, scoreMemory } from './score-kernel.js';

/** Rows scored together through every tree: their values (a few KB per feature column) stay in cache. */
const BLOCK = 512;
/** Feature values copied into the kernel's memory at a time (4 MB): whole blocks of rows, at least one. */
const CHUNK_VALUES = 1 << 19;
let nextId = 1;

/**
 * An ensemble laid out once, at training or restore, for scoring raw feature values without binning them.
 * A split "bin <= t" is exactly "value <= edges[t - 1]" (`BinEdges`; +Infinity when t is the last bin), so each
 * node keeps that float threshold and the query is never binned: prediction costs no pass over the matrix and
 * no allocation beyond its output, and gives the scores of the binned trees bit for bit.
 * Per node, `nodes` holds 4 int32: `[feature, flags, left, right]` (see `ScoreKernel`); a leaf is its own
 * child with limit +Infinity, so that rows descend without testing whether they are at a leaf yet.
 */
export class Scorer {
  private readonly nodes: Int32Array;
  private readonly limit: Float64Array;
  private readonly value: Float64Array;
  private readonly roots: Int32Array;
  /** Columns the model was trained on. */
  readonly cols: number;
  /** Names this scorer's arrays in the kernel memory (see `ScoreMemory.loaded`). */
  private readonly id = nextId++;

  constructor(e: Ensemble, bins: BinEdges) {
    const { feature, threshold, missingLeft, left, right, value, roots } = e;
    const count = feature.length;
    this.nodes = new Int32Array(count * 4);
    this.limit = new Float64Array(count);
    this.value = value;
    this.cols = bins.offsets.length - 1;
    for (let i = 0; i < count; i++) {
      const f = feature[i];
      const p = i * 4;
      if (f < 0) {
        this.limit[i] = Infinity;
        this.nodes[p + 1] = LEAF | MISSING_LEFT;
        this.nodes[p + 2] = i;
        this.nodes[p + 3] = i;
        continue;
      }
      const at = bins.offsets[f] + threshold[i] - 1;
      this.limit[i] = at < bins.offsets[f + 1] ? bins.edges[at] : Infinity;
      this.nodes[p] = 8 * f;
      this.nodes[p + 1] = missingLeft[i] === 1 ? MISSING_LEFT : 0;
      this.nodes[p + 2] = left[i];
      this.nodes[p + 3] = right[i];
    }
    this.roots = roots;
  }

  /**
   * Adds every tree's leaf values for the `n` rows of column-major `data` to `raw` (output-major, `outputs` × n;
   * tree t feeds output `t % outputs`), in the scoring kernel's memory: the model's arrays are copied there only
   * when another model used it last, the rows a chunk (about 4 MB of values) at a time, turned row-major there
   * (a row's values share cache lines, and a step finds its value at the row's address plus the node's feature
   * offset: 10% faster than reading the columns in place). Within a chunk rows go
   * through all trees a block at a time, which keeps the values being read cache-resident; each row's sum is
   * taken in tree order either way. One kernel call per block also lets V8 move the kernel to its optimizing
   * tier between calls.
   */
  addScores(data: Float64Array, n: number, outputs: number, raw: Float64Array): void {
    const count = this.limit.length;
    const trees = this.roots.length;
    const cols = this.cols;
    const limitsAt = count * 16;
    const valuesAt = limitsAt + count * 8;
    const rootsAt = valuesAt + count * 8;
    const dataAt = rootsAt + ((trees * 4 + 7) & ~7);
    const chunk = Math.min(n, Math.max(BLOCK, Math.floor(CHUNK_VALUES / Math.max(1, cols) / BLOCK) * BLOCK));
    const columnsAt = dataAt + chunk * cols * 8;
    const rawAt = columnsAt + chunk * cols * 8;
    const s = scoreMemory(rawAt + chunk * outputs * 8);
    const buffer = s.memory.buffer;
    if (s.loaded !== this.id) {
      new Int32Array(buffer, 0, count * 4).set(this.nodes);
      new Float64Array(buffer, limitsAt, count).set(this.limit);
      new Float64Array(buffer, valuesAt, count).set(this.value);
      new Int32Array(buffer, rootsAt, trees).set(this.roots);
      s.loaded = this.id;
    }
    const f64 = new Float64Array(buffer);
    for (let lo = 0; lo < n; lo += chunk) {
      const m = Math.min(chunk, n - lo);
      for (let j = 0; j < cols; j++) f64.set(data.subarray(j * n + lo, j * n + lo + m), columnsAt / 8 + j * m);
      s.kernel.transpose(columnsAt, dataAt, m, cols);
      for (let k = 0; k < outputs; k++) f64.set(raw.subarray(k * n + lo, k * n + lo + m), rawAt / 8 + k * m);
      for (let b = 0; b < m; b += BLOCK) s.kernel.score(0, limitsAt, valuesAt, rootsAt, trees, outputs, dataAt, m, rawAt, b, Math.min(m, b + BLOCK), cols * 8);
      for (let k = 0; k < outputs; k++) raw.set(f64.subarray(rawAt / 8 + k * m, rawAt / 8 + (k + 1) * m), k * n + lo);
    }
  }
}
