import type { EnsembleBuilder } from './ensemble.js';
import { HistogramArena, type GradLayout } from './histogram.js';
import { Split, type SplitRules } from './split.js';
import type { ThreadTeam } from './thread-team.js';

/** Tree shape limits for `Grower`. */
export interface GrowRules extends SplitRules {
  readonly maxLeaves: number;
  /** 0: no limit. */
  readonly maxDepth: number;
}

/** A leaf-to-be whose best split is known; it owns its histogram until it is split or given up. */
class Candidate {
  constructor(
    readonly node: number, readonly start: number, readonly end: number, readonly depth: number,
    readonly hist: number, readonly split: Split,
  ) {}
}

/**
 * Grows regression trees on gradients, leaf-wise: the leaf whose best split gains most is split next, until
 * `maxLeaves` leaves or no positive gain. Histograms are built only for the smaller child of each split and the
 * larger child's is the parent's minus it. Buffers live in a `HistogramArena` reused from tree to tree.
 * After `grow`, leaf `l` of the tree is node `leafNode[l]` and holds rows `rows[leafStart[l]..leafEnd[l])`.
 */
export class Grower {
  readonly leafNode: Int32Array;
  readonly leafStart: Int32Array;
  readonly leafEnd: Int32Array;
  leaves = 0;
  /** Total split gain per feature over every tree grown so far. */
  readonly gains: Float64Array;
  private readonly arena: HistogramArena;
  private readonly sums = new Float64Array(2);

  /** `scores`: float64 raw scores to keep in the arena's memory (see `addLeafValues`). */
  constructor(bins: Uint8Array, n: number, layout: GradLayout, private readonly rules: GrowRules, private readonly shrink: number, team?: ThreadTeam, scores = 0) {
    this.arena = new HistogramArena(bins, n, layout, team, undefined, scores);
    this.leafNode = new Int32Array(rules.maxLeaves);
    this.leafStart = new Int32Array(rules.maxLeaves);
    this.leafEnd = new Int32Array(rules.maxLeaves);
    this.gains = new Float64Array(layout.valueBins.length);
  }

  /** Row indices grouped by leaf after `grow` (a view: read it before growing the next tree). */
  get rows(): Int32Array {
    return this.arena.rows;
  }

  /** The raw scores kept for the booster (a view valid for the grower's life). */
  get scores(): Float64Array {
    return this.arena.scores;
  }

  /**
   * Adds each leaf's value to the scores of its rows, `scores[at + row]`, after `grow` of a tree that took every
   * row (each row then sits in exactly one leaf segment: no need to walk the tree).
   */
  addLeafValues(value: Float64Array, at: number): void {
    for (let l = 0; l < this.leaves; l++) this.arena.addToScores(at, this.leafStart[l], this.leafEnd[l], value[this.leafNode[l]]);
  }

  /** The training bins, column-major (a view, like `rows`). */
  get bins(): Uint8Array {
    return this.arena.bins;
  }

  /** Newton leaf value with shrinkage; the 1e-15 keeps a zero-hessian leaf finite, as scikit-learn does. */
  private leafValue(g: number, h: number): number {
    return (-this.shrink * g) / (h + this.rules.l2 + 1e-15);
  }

  private canSplit(m: number, depth: number): boolean {
    return m >= 2 * this.rules.minSamplesLeaf && (this.rules.maxDepth === 0 || depth < this.rules.maxDepth);
  }

  /**
   * Grows one tree into `out` from the rows `sample[0..count)` (sorted), or every row when `sample` is null,
   * using only `features[0..nFeatures)`. `hess` null means every hessian is 1.
   */
  grow(out: EnsembleBuilder, grad: Float64Array, hess: Float64Array | null, sample: Int32Array | null, count: number, features: Int32Array, nFeatures: number): void {
    const arena = this.arena;
    arena.setFeatures(features, nFeatures);
    arena.setGradients(grad, hess);
    arena.rootSums(sample, count, this.sums);
    const G = this.sums[0];
    const H = this.sums[1];
    out.beginTree();
    const root = out.addLeaf(this.leafValue(G, H));
    this.leaves = 0;
    const open: Candidate[] = [];
    let leaves = 1;

    if (this.canSplit(count, 0)) {
      const hist = arena.acquire();
      arena.build(hist, 0, count, sample === null);
      this.consider(open, root, 0, count, 0, hist, G, H);
    } else {
      this.finishLeaf(root, 0, count, -1);
    }

    while (open.length > 0 && leaves < this.rules.maxLeaves) {
      let pick = 0;
      for (let i = 1; i < open.length; i++) if (open[i].split.gain > open[pick].split.gain) pick = i;
      const c = open[pick];
      open[pick] = open[open.length - 1];
      open.pop();
      const s = c.split;
      const mid = arena.partition(c.start, c.end, s.feature, s.threshold, s.missingLeft);
      const l = out.addLeaf(this.leafValue(s.gl, s.hl));
      const r = out.addLeaf(this.leafValue(s.gr, s.hr));
      out.setSplit(c.node, s.feature, s.threshold, s.missingLeft, l, r);
      this.gains[s.feature] += s.gain;
      leaves++;

      // After the last split the tree may take, its children's histograms and splits would go unused.
      const more = leaves < this.rules.maxLeaves;
      const needL = more && this.canSplit(mid - c.start, c.depth + 1);
      const needR = more && this.canSplit(c.end - mid, c.depth + 1);
      if (!needL && !needR) {
        this.finishLeaf(l, c.start, mid, c.hist);
        this.finishLeaf(r, mid, c.end, -1);
        continue;
      }
      const leftSmaller = mid - c.start <= c.end - mid;
      const small = arena.acquire();
      if (leftSmaller) arena.build(small, c.start, mid, false);
      else arena.build(small, mid, c.end, false);
      arena.subtract(c.hist, small);
      const histL = leftSmaller ? small : c.hist;
      const histR = leftSmaller ? c.hist : small;
      if (needL) this.consider(open, l, c.start, mid, c.depth + 1, histL, s.gl, s.hl);
      else this.finishLeaf(l, c.start, mid, histL);
      if (needR) this.consider(open, r, mid, c.end, c.depth + 1, histR, s.gr, s.hr);
      else this.finishLeaf(r, mid, c.end, histR);
    }
    for (const c of open) this.finishLeaf(c.node, c.start, c.end, c.hist);
  }

  private consider(open: Candidate[], node: number, start: number, end: number, depth: number, hist: number, g: number, h: number): void {
    const split = new Split();
    if (this.arena.findSplit(hist, g, h, end - start, this.rules, split)) {
      open.push(new Candidate(node, start, end, depth, hist, split));
    } else {
      this.finishLeaf(node, start, end, hist);
    }
  }

  /** Records a finished leaf and returns its histogram (if any, -1 for none) to the pool. */
  private finishLeaf(node: number, start: number, end: number, hist: number): void {
    const l = this.leaves++;
    this.leafNode[l] = node;
    this.leafStart[l] = start;
    this.leafEnd[l] = end;
    if (hist >= 0) this.arena.release(hist);
  }
}
