import { Worker } from 'node:worker_threads';
import { AutopipeError } from '@autopipe/core';
import { createKernels, createMemory, kernelModule, type Kernels, type WasmMemory } from './kernels.js';
import type { FeatureKernel } from './feature-kernel.js';

/**
 * Histogram builds below this many (row, feature) updates run on the calling thread alone. Sharing a build out
 * adds 6-10 µs (measured: 7,500 updates took 12 µs alone, 18-22 µs shared), and a build this size takes about
 * 57 µs alone, so below it the most two threads could save is a few microseconds, lost whenever the other core
 * is busy.
 */
export const MIN_PARALLEL_UPDATES = 65_536;

/**
 * How long the calling thread waits on the workers before it checks that they are still alive. A worker that
 * exits, is terminated or runs out of memory never reports its share done, and the caller, blocked in
 * `Atomics.wait`, cannot see the worker's 'exit' event: this check turns that hang into an error.
 */
export const WATCHDOG_MS = 100;

/**
 * How long one histogram build may wait on live workers before the fit fails. A build is milliseconds to a second
 * even on millions of rows; a worker that is alive but never reports (a hang seen twice under heavy load and not
 * reproduced since) must fail the fit rather than block this thread — and, in a test runner, the whole run — forever.
 */
export const STUCK_MS = 60_000;

// Control block (int32 slots of a SharedArrayBuffer): the dispatch counter the workers wait on, a failure flag,
// a stop flag, a flag a worker sets as it exits, then the kernels' arguments: `build`'s 11 (column-wise features),
// then the row-wise bins, their stride, pairs and count; then one state per share of a build (OPEN, TAKEN, DONE).
const SEQ = 0, FAILED = 2, STOP = 3, EXITED = 4, ARGS = 5, BUILD_ARGS = 15;
const NF_ARG = ARGS + 4, ROW_ARGS = ARGS + 11, SHARES = ARGS + BUILD_ARGS;
const OPEN = 0, TAKEN = 1, DONE = 2;

/** Workers started and not yet exited, over every team in this thread: 0 whenever no threaded fit runs. */
let live = 0;
export function liveWorkers(): number {
  return live;
}

/**
 * One call a worker makes before it takes builds, for work that overlaps the caller's own (binning): the named
 * export of the ES module at `url` applied to `args` (structured-cloned; pass typed arrays over shared memory to
 * avoid copies). Its return value comes back through `ThreadTeam.preludes`.
 */
export interface Prelude {
  readonly url: string;
  readonly name: string;
  readonly args: readonly unknown[];
}

/**
 * The worker's whole program (evaluated, so it needs no file next to the compiled code and runs the same under
 * a test runner): instantiate the posted kernel module over the shared memory, run the prelude if any, then
 * loop: wait for the dispatch counter to move, build the histogram slots of this worker's share of the
 * features, report done. Exceptions in the loop are reported through the control block, not thrown.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { module, memory, control, index, threads, prelude } = workerData;
const c = new Int32Array(control);
const k = new WebAssembly.Instance(module, { env: { mem: memory } }).exports;
process.on('exit', () => {
  Atomics.store(c, ${EXITED}, 1);
  Atomics.notify(c, ${SHARES} + index);
});
function loop() {
  let seen = 0;
  for (;;) {
    Atomics.wait(c, ${SEQ}, seen);
    seen = Atomics.load(c, ${SEQ});
    if (Atomics.load(c, ${STOP}) === 1) break;
    // The fitting thread builds an open share itself once its own is done: take ours unless it did.
    if (Atomics.compareExchange(c, ${SHARES} + index, ${OPEN}, ${TAKEN}) !== ${OPEN}) continue;
    try {
      const nf = c[${NF_ARG}];
      const lo = Math.floor((index * nf) / threads), hi = Math.floor(((index + 1) * nf) / threads);
      if (hi > lo) k.build(c[${ARGS}], c[${ARGS + 1}], c[${ARGS + 2}], c[${ARGS + 3}] + 4 * lo, hi - lo, c[${ARGS + 5}], c[${ARGS + 6}], c[${ARGS + 7}], c[${ARGS + 8}], c[${ARGS + 9}], c[${ARGS + 10}]);
      const nr = c[${ROW_ARGS + 3}];
      const rlo = Math.floor((index * nr) / threads), rhi = Math.floor(((index + 1) * nr) / threads);
      if (rhi > rlo) k.buildRows(c[${ARGS}], c[${ROW_ARGS}], c[${ROW_ARGS + 1}], c[${ROW_ARGS + 2}] + 8 * rlo, rhi - rlo, c[${ARGS + 6}], c[${ARGS + 7}], c[${ARGS + 8}], c[${ARGS + 9}], c[${ARGS + 10}]);
    } catch (e) {
      Atomics.store(c, ${FAILED}, 1);
    }
    Atomics.store(c, ${SHARES} + index, ${DONE});
    Atomics.notify(c, ${SHARES} + index);
  }
}
async function run() {
  if (prelude) {
    try {
      const m = await import(prelude.url);
      parentPort.postMessage({ result: m[prelude.name](...prelude.args) });
    } catch (e) {
      parentPort.postMessage({ error: String((e && e.stack) || e) });
    }
  }
  // From a callback, so that the event loop has started before the worker blocks in loop(): Node reports a
  // worker's event-loop utilization (what the watchdog reads) only once its loop has run.
  setImmediate(() => {
    parentPort.postMessage({ ready: true });
    loop();
  });
}
run();
`;

/**
 * The kernels' shared memory and the threads that run them: the calling thread plus `threads - 1` workers.
 * A histogram build is split by features: each thread fills the slots of a contiguous share of the node's
 * features, reading the same rows in the same order. Every slot is therefore summed by exactly one thread, in
 * exactly the order a single thread would use, so histograms — and the fitted model — are bit-identical for any
 * thread count; nothing needs reducing afterwards. Dispatch is a counter in shared memory (`Atomics.wait`/
 * `notify`), never a message: a tree needs dozens of builds and messages cost far more than the small ones.
 * Neither side spins while waiting: spinning up to 50,000 polls on either side did not change the fit time on
 * an idle machine (200,000 × 30 synthetic: 1.62-1.76 s either way), and under load a spinning thread takes the
 * core the other one needs (about +100 µs on every small build). Nor does the calling thread wait for a worker
 * that has not woken up by the time its own share is done: it claims that share (a compare-and-swap on the share's
 * state, which the worker makes too) and builds it itself, so a worker that is slow to wake, or has no core to
 * run on, costs no waiting; only a share a worker already took is waited for.
 * Call `close()` when done, also after a failure (`fitGbmThreaded` does, in `finally`): workers stay referenced
 * until then, so that awaiting `ready` or a prelude keeps the process alive even when nothing else does.
 */
export class ThreadTeam {
  readonly memory: WasmMemory;
  readonly kernels: Kernels;
  private readonly control: Int32Array;
  private workers: Worker[] = [];
  /** Resolves when every worker can take builds. */
  ready: Promise<void> = Promise.resolve();
  /** What each worker's prelude returned (undefined without one), in worker order. */
  readonly preludes: Promise<unknown>[] = [];
  /** Builds shared out over the workers so far. */
  dispatches = 0;
  /** Shares of builds the calling thread took over from a worker that had not started them. */
  taken = 0;
  private lastCheck = 0;
  private constructor(readonly threads: number, private readonly minUpdates: number) {
    this.control = new Int32Array(new SharedArrayBuffer(4 * (SHARES + threads)));
    this.memory = createMemory(1);
    this.kernels = createKernels(this.memory);
  }

  /** Only the calling thread: what a fit with `n_threads: 1` uses. */
  static single(): ThreadTeam {
    return new ThreadTeam(1, 0);
  }

  /**
   * Starts `threads - 1` workers. They boot while the caller goes on (binning, say); await `ready` before the
   * first `build`. The team must be closed even if `ready` rejects. Builds of fewer than `minUpdates`
   * (row, feature) updates stay on the calling thread.
   */
  static start(threads: number, minUpdates = MIN_PARALLEL_UPDATES, preludes: readonly (Prelude | null)[] = []): ThreadTeam {
    const team = new ThreadTeam(threads, minUpdates);
    const ready: Promise<void>[] = [];
    for (let index = 1; index < threads; index++) {
      const prelude = preludes[index - 1] ?? null;
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module: kernelModule(), memory: team.memory, control: team.control.buffer, index, threads, prelude },
      });
      live++;
      worker.once('exit', () => live--);
      team.workers.push(worker);
      let settlePrelude: ((m: { result?: unknown; error?: string }) => void) | null = null;
      const result = new Promise<unknown>((resolve, reject) => {
        settlePrelude = (m) => (m.error === undefined ? resolve(m.result) : reject(new Error(`gbm worker thread: ${m.error}`)));
      });
      result.catch(() => undefined);
      team.preludes.push(prelude ? result : Promise.resolve(undefined));
      ready.push(new Promise<void>((resolve, reject) => {
        // Ready once the worker said so and Node saw it online (its 'online' event comes on another port, in
        // no fixed order): before that, `checkAlive` could not tell a stopped worker from a live one.
        let pending = 2;
        const arrived = (): void => {
          if (--pending > 0) return;
          // The first reading caches the worker's loop start time, which later readings need and which Node
          // no longer gives out once the thread has stopped.
          worker.performance.eventLoopUtilization();
          resolve();
        };
        worker.once('online', arrived);
        worker.on('message', (m: { ready?: boolean; result?: unknown; error?: string }) => {
          if (m.ready) arrived();
          else settlePrelude!(m);
        });
        const fail = (e: Error): void => {
          reject(e);
          settlePrelude!({ error: e.message });
        };
        worker.once('error', fail);
        worker.once('exit', (code) => fail(new Error(`gbm: a worker thread exited (code ${code}) before it was done`)));
      }));
    }
    team.ready = Promise.all(ready).then(() => undefined);
    // Handled here so that a failure nobody awaited (the fit threw first) is not an unhandled rejection.
    team.ready.catch(() => undefined);
    return team;
  }

  /**
   * `kernels.build` over `nFeatures` column-wise features and `kernels.buildRows` over `nRows` row-wise pairs, with
   * the same arguments, shared out over the team when the build is large enough to pay. `all`, if given, does
   * both for exactly these features (see feature-kernel.ts), and is used when the build stays on this thread. Throws
   * if a worker failed or stopped (see `WATCHDOG_MS`).
   */
  build(
    hist: number, bins: number, n: number, features: number, nFeatures: number, offsets: number, rows: number, start: number, m: number, gh: number, identity: number,
    rowBins: number, stride: number, pairs: number, nRows: number, all: FeatureKernel | null = null,
  ): void {
    const k = this.kernels;
    const threads = this.workers.length + 1;
    if (threads === 1 || m * (nFeatures + nRows) < this.minUpdates) {
      if (all) {
        all.build(hist, bins, rowBins, rows, start, m, gh, identity);
        return;
      }
      if (nFeatures > 0) k.build(hist, bins, n, features, nFeatures, offsets, rows, start, m, gh, identity);
      if (nRows > 0) k.buildRows(hist, rowBins, stride, pairs, nRows, rows, start, m, gh, identity);
      return;
    }
    const c = this.control;
    c[ARGS] = hist;
    c[ARGS + 1] = bins;
    c[ARGS + 2] = n;
    c[ARGS + 3] = features;
    c[NF_ARG] = nFeatures;
    c[ARGS + 5] = offsets;
    c[ARGS + 6] = rows;
    c[ARGS + 7] = start;
    c[ARGS + 8] = m;
    c[ARGS + 9] = gh;
    c[ARGS + 10] = identity;
    c[ROW_ARGS] = rowBins;
    c[ROW_ARGS + 1] = stride;
    c[ROW_ARGS + 2] = pairs;
    c[ROW_ARGS + 3] = nRows;
    this.dispatches++;
    for (let t = 1; t < threads; t++) Atomics.store(c, SHARES + t, OPEN);
    // The atomic increment publishes the arguments (and everything written to the memory before it).
    Atomics.add(c, SEQ, 1);
    Atomics.notify(c, SEQ);
    this.buildShare(0, threads, hist, bins, n, features, nFeatures, offsets, rows, start, m, gh, identity, rowBins, stride, pairs, nRows);
    // Shares whose worker has not woken up yet (waking a sleeping thread takes tens of microseconds, more on a
    // busy machine) are built here rather than waited for: who builds a share does not change its sums.
    let took = false;
    for (let t = 1; t < threads; t++) {
      if (Atomics.compareExchange(c, SHARES + t, OPEN, TAKEN) !== OPEN) continue;
      this.buildShare(t, threads, hist, bins, n, features, nFeatures, offsets, rows, start, m, gh, identity, rowBins, stride, pairs, nRows);
      Atomics.store(c, SHARES + t, DONE);
      this.taken++;
      took = true;
    }
    // A worker that stopped never takes its share: this thread then builds everything and must notice.
    if (took && Date.now() - this.lastCheck > WATCHDOG_MS) {
      this.lastCheck = Date.now();
      this.checkAlive();
    }
    const waitingSince = Date.now();
    for (let t = 1; t < threads; t++) {
      while (Atomics.load(c, SHARES + t) !== DONE) {
        if (Atomics.wait(c, SHARES + t, TAKEN, WATCHDOG_MS) === 'timed-out' || Atomics.load(c, EXITED) === 1) this.checkAlive();
        if (Date.now() - waitingSince > STUCK_MS) {
          throw new AutopipeError('INTERNAL', `gbm: a histogram worker thread did not finish a build in ${STUCK_MS / 1000} s; fit with n_threads: 1 and please report this.`, { threads: this.threads });
        }
      }
    }
    if (Atomics.load(c, FAILED) === 1) throw new AutopipeError('INTERNAL', 'gbm: a histogram worker thread failed; fit with n_threads: 1 to go on without worker threads.');
  }

  /** Share `t` of `threads` of a build: a contiguous range of the column-wise features and of the row-wise pairs. */
  private buildShare(
    t: number, threads: number, hist: number, bins: number, n: number, features: number, nFeatures: number, offsets: number, rows: number, start: number, m: number, gh: number,
    identity: number, rowBins: number, stride: number, pairs: number, nRows: number,
  ): void {
    const k = this.kernels;
    const lo = Math.floor((t * nFeatures) / threads);
    const hi = Math.floor(((t + 1) * nFeatures) / threads);
    if (hi > lo) k.build(hist, bins, n, features + 4 * lo, hi - lo, offsets, rows, start, m, gh, identity);
    const rlo = Math.floor((t * nRows) / threads);
    const rhi = Math.floor(((t + 1) * nRows) / threads);
    if (rhi > rlo) k.buildRows(hist, rowBins, stride, pairs + 8 * rlo, rhi - rlo, rows, start, m, gh, identity);
  }

  /**
   * Throws if a worker has stopped. A worker's own exit (`process.exit`) raises its flag; a terminated or
   * out-of-memory one is seen through Node's event-loop utilization, whose idle time reads -1 once the thread
   * stopped (synchronously, while its 'exit' event waits for this blocked thread's event loop). That reading
   * needs the worker online with its event loop started, which `ready` waits for.
   */
  private checkAlive(): void {
    const stopped = Atomics.load(this.control, EXITED) === 1 || this.workers.some((w) => w.performance.eventLoopUtilization().idle < 0);
    if (stopped) {
      throw new AutopipeError('INTERNAL', 'gbm: a histogram worker thread stopped during the fit (it exited, was terminated or ran out of memory); fit with n_threads: 1, or give the process more memory.', { threads: this.threads });
    }
  }

  /** The worker threads (for tests and diagnostics: terminating one must fail the fit, not hang it). */
  get workerThreads(): readonly Worker[] {
    return this.workers;
  }

  /** Stops and terminates the workers; resolves when they have exited. Safe to call twice. */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    if (workers.length === 0) return;
    Atomics.store(this.control, STOP, 1);
    Atomics.add(this.control, SEQ, 1);
    Atomics.notify(this.control, SEQ);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
