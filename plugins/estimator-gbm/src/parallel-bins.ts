import { createMatrix, type Matrix, type Rng } from '@autopipe/core';
import { DEFAULT_BIN_SAMPLE, fitBinEdges, type BinEdges } from '@autopipe/trees';
import type { Prelude } from './thread-team.js';

/**
 * Feature values (rows × columns) from which bin edges are found on several threads. A worker first loads
 * `@autopipe/trees` (tens of milliseconds), which only pays when its share of sorting takes longer.
 */
export const MIN_PARALLEL_BIN_VALUES = 2_000_000;

/** Columns `[lo, hi)` of thread `t` of `threads`. */
function columns(t: number, threads: number, cols: number): [number, number] {
  return [Math.floor((t * cols) / threads), Math.floor(((t + 1) * cols) / threads)];
}

/**
 * Whether `fitBinEdges` may be split by columns here. Edges of a column depend only on that column's values,
 * except above `DEFAULT_BIN_SAMPLE` rows, where one seeded row sample is shared by all columns: that case stays
 * on one thread, so the edges are always exactly the single-threaded ones.
 */
export function binsInParallel(x: Matrix, threads: number, minValues = MIN_PARALLEL_BIN_VALUES): boolean {
  return threads > 1 && x.cols >= threads && x.rows <= DEFAULT_BIN_SAMPLE && x.rows * x.cols >= minValues && treesUrl() !== null;
}

/** Where workers load `fitBinEdges` from; null if the host cannot say (then binning stays on one thread). */
function treesUrl(): string | null {
  try {
    return import.meta.resolve('@autopipe/trees');
  } catch {
    return null;
  }
}

/**
 * Work for workers 1..threads-1: `fitBinEdges` on their share of the columns. The shares are handed over in
 * shared memory (copied into it once unless the matrix already lives there, as AutoML's fold matrices do).
 */
export function binningPreludes(x: Matrix, maxBins: number, threads: number): Prelude[] {
  const url = treesUrl()!;
  const shared = x.data.buffer instanceof SharedArrayBuffer;
  return Array.from({ length: threads - 1 }, (_, w) => {
    const [lo, hi] = columns(w + 1, threads, x.cols);
    let data = x.data.subarray(lo * x.rows, hi * x.rows);
    if (!shared) {
      const copy = new Float64Array(new SharedArrayBuffer(data.byteLength));
      copy.set(data);
      data = copy;
    }
    return { url, name: 'fitBinEdges', args: [{ rows: x.rows, cols: hi - lo, names: x.names.slice(lo, hi), data }, maxBins] };
  });
}

/** The calling thread's share: the first columns. `rng` is never drawn from (see `binsInParallel`). */
export function callerBinEdges(x: Matrix, maxBins: number, threads: number, rng: Rng): BinEdges {
  const [, hi] = columns(0, threads, x.cols);
  return fitBinEdges(createMatrix(x.rows, x.names.slice(0, hi), x.data.subarray(0, hi * x.rows)), maxBins, rng);
}

/** Concatenates per-thread edges, in column order, into the edges of the whole matrix. */
export function mergeBinEdges(parts: readonly BinEdges[]): BinEdges {
  const cols = parts.reduce((s, p) => s + p.offsets.length - 1, 0);
  const edges = new Float64Array(parts.reduce((s, p) => s + p.edges.length, 0));
  const offsets = new Int32Array(cols + 1);
  let e = 0;
  let j = 0;
  for (const p of parts) {
    edges.set(p.edges, e);
    for (let k = 1; k < p.offsets.length; k++) offsets[++j] = e + p.offsets[k];
    e += p.edges.length;
  }
  return { edges, offsets };
}
