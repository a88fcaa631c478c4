import type { BinnedMatrix } from './binning.js';
import type { RowTargets } from './criterion.js';

/**
 * Where each feature's bins sit in a node histogram: feature j owns slots `offsets[j] .. offsets[j] + valueBins[j]`
 * (slot 0 of the feature is its missing bin), and each slot holds `stats` numbers.
 */
export interface HistogramLayout {
  readonly offsets: Int32Array;
  readonly slots: number;
  readonly stats: number;
}

export function histogramLayout(binned: BinnedMatrix, stats: number): HistogramLayout {
  const offsets = new Int32Array(binned.cols);
  let slots = 0;
  for (let j = 0; j < binned.cols; j++) {
    offsets[j] = slots;
    slots += binned.valueBins[j] + 1;
  }
  return { offsets, slots, stats };
}

/** Sums the stats of `rows[start..end)` into `out` (length `stats`). */
export function totalStats(t: RowTargets, rows: Int32Array, start: number, end: number, out: Float64Array): void {
  out.fill(0);
  out[0] = end - start;
  if (t.kind === 'class') {
    for (let i = start; i < end; i++) out[1 + t.codes[rows[i]]] += 1;
    return;
  }
  for (let v = 0; v < t.values.length; v++) {
    const a = t.values[v];
    let s = 0;
    for (let i = start; i < end; i++) s += a[rows[i]];
    out[1 + v] = s;
  }
}

/**
 * Fills `hist` with the per-bin stats of `rows[start..end)` for every feature, or only for `features[0..count)`
 * when given (the other features' slots are then left as they were, stale). One pass per feature over a
 * contiguous column keeps the reads sequential (row indices stay sorted because partitioning is stable).
 */
export function buildHistogram(hist: Float64Array, layout: HistogramLayout, binned: BinnedMatrix, t: RowTargets, rows: Int32Array, start: number, end: number, features?: Int32Array, count?: number): void {
  if (!features) {
    hist.fill(0);
    for (let j = 0; j < binned.cols; j++) featureHistogram(hist, layout, binned, t, rows, start, end, j);
    return;
  }
  const S = layout.stats;
  const m = count ?? features.length;
  for (let f = 0; f < m; f++) {
    const j = features[f];
    const off = layout.offsets[j];
    hist.fill(0, off * S, (off + binned.valueBins[j] + 1) * S);
    featureHistogram(hist, layout, binned, t, rows, start, end, j);
  }
}

function featureHistogram(hist: Float64Array, layout: HistogramLayout, binned: BinnedMatrix, t: RowTargets, rows: Int32Array, start: number, end: number, j: number): void {
  const S = layout.stats;
  const bins = binned.bins;
  const base = j * binned.rows;
  const off = layout.offsets[j];
  if (t.kind === 'class') {
    const codes = t.codes;
    for (let i = start; i < end; i++) {
      const r = rows[i];
      const slot = (off + bins[base + r]) * S;
      hist[slot] += 1;
      hist[slot + 1 + codes[r]] += 1;
    }
  } else if (t.values.length === 2) {
    const a = t.values[0];
    const b = t.values[1];
    for (let i = start; i < end; i++) {
      const r = rows[i];
      const slot = (off + bins[base + r]) * S;
      hist[slot] += 1;
      hist[slot + 1] += a[r];
      hist[slot + 2] += b[r];
    }
  } else {
    const vs = t.values;
    for (let i = start; i < end; i++) {
      const r = rows[i];
      const slot = (off + bins[base + r]) * S;
      hist[slot] += 1;
      for (let v = 0; v < vs.length; v++) hist[slot + 1 + v] += vs[v][r];
    }
  }
}

/** The subtraction trick: turns a parent histogram into its larger child's, given the smaller child's. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] -= child[i];
}
