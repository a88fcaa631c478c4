import { Rng, type FitContext, type Matrix, type Target } from '@autopipe/core';
import { fitBinEdges, type BinEdges } from '@autopipe/trees';
import { boost, checkFit, fitGbm, logPhases, prepare } from './booster.js';
import type { GbmModel } from './gbm-model.js';
import { binningPreludes, binsInParallel, callerBinEdges, mergeBinEdges } from './parallel-bins.js';
import type { GbmParams } from './params.js';
import { ThreadTeam } from './thread-team.js';

/**
 * Feature values (rows × columns) below which a threaded fit runs on one thread: starting a worker costs
 * 10–40 ms, and few of such a fit's nodes are large enough to share out. Measured with `tools/bench/gbm.mjs`:
 * on adult (26,049 × 14) and california (16,512 × 9) two threads were no faster than one.
 */
export const MIN_THREADED_VALUES = 1_000_000;

/** Knobs for tests: force the parallel paths on small data, look at the team. */
export interface ThreadedOptions {
  /** Smallest matrix fitted on several threads, in values (default `MIN_THREADED_VALUES`). */
  readonly minValues?: number;
  /** Smallest histogram build shared out, in (row, feature) updates (default `MIN_PARALLEL_UPDATES`). */
  readonly minUpdates?: number;
  /** Smallest matrix whose bin edges are found in parallel, in values (default `MIN_PARALLEL_BIN_VALUES`). */
  readonly minBinValues?: number;
  readonly onTeam?: (team: ThreadTeam) => void;
}

/**
 * `fitGbm` on `n_threads` threads (on one below `MIN_THREADED_VALUES`): the caller's and `n_threads - 1`
 * workers, which start while the caller bins its share of the columns, find the bin edges of theirs, then build
 * their share of every large histogram. They are terminated before this settles, also on failure. The model is
 * the one `fitGbm` returns, bit for bit: bin edges are per column (`binsInParallel`), and histogram slots are
 * each summed by one thread (`ThreadTeam`).
 */
export async function fitGbmThreaded(x: Matrix, y: Target, p: GbmParams, ctx: FitContext, options: ThreadedOptions = {}): Promise<GbmModel> {
  checkFit(y, p);
  if (x.rows * x.cols < (options.minValues ?? MIN_THREADED_VALUES)) return fitGbm(x, y, p, ctx);
  const threads = p.n_threads;
  const started = performance.now();
  const parallelBins = binsInParallel(x, threads, options.minBinValues);
  const team = ThreadTeam.start(threads, options.minUpdates, parallelBins ? binningPreludes(x, p.max_bins, threads) : []);
  const workersStarted = performance.now();
  options.onTeam?.(team);
  try {
    const rng = new Rng(ctx.seed);
    // Forked whether or not it is used, so the generator's later draws are the single-threaded fit's.
    const binRng = rng.fork(1);
    const edges = parallelBins
      ? mergeBinEdges([callerBinEdges(x, p.max_bins, threads, binRng), ...((await Promise.all(team.preludes)) as BinEdges[])])
      : fitBinEdges(x, p.max_bins, binRng);
    const prepared = prepare(x, y, p, rng, edges);
    const binned = performance.now();
    await team.ready;
    const ready = performance.now();
    const model = boost(prepared, x.cols, y, p, ctx, rng, team);
    logPhases(ctx, { threads, workersStarted: workersStarted - started, binned: binned - started, ready: ready - binned, boost: performance.now() - ready });
    return model;
  } finally {
    await team.close();
  }
}
