import type { Prediction } from '@autopipe/core';
import type { FoldExecutor, FoldJob, FoldSpec } from './fold-executor.js';

interface Waiting {
  readonly start: () => void;
  readonly reject: (e: unknown) => void;
  readonly signal?: AbortSignal;
}

/**
 * A first-in first-out queue in front of an executor that hands it at most `parallelism` folds at a time. The trainer
 * queues the next trial's folds behind the current trial's, so they only take worker slots the current trial leaves
 * idle; and because a fold is handed over (and its matrices materialized) only when a slot is free, the trainer knows
 * when a trial's first fold really starts and whether a slot is idle (`idle`), whatever the executor's own queueing.
 */
export class FoldQueue implements FoldExecutor {
  readonly parallelism: number;
  readonly sharedMemory: boolean;
  private running = 0;
  private readonly waiting: Waiting[] = [];
  private readonly idleWaiters: (() => void)[] = [];
  private readonly drainWaiters: (() => void)[] = [];

  constructor(private readonly inner: FoldExecutor) {
    this.parallelism = inner.parallelism;
    this.sharedMemory = inner.sharedMemory;
  }

  run(spec: FoldSpec, materialize: () => Promise<FoldJob>, signal?: AbortSignal): Promise<Prediction> {
    return new Promise<Prediction>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const start = (): void => {
        this.running++;
        this.inner.run(spec, materialize, signal).then(resolve, reject).finally(() => {
          this.running--;
          this.pump();
        });
      };
      this.waiting.push({ start, reject, ...(signal ? { signal } : {}) });
      // A queued fold of an aborted trial leaves the queue at once rather than when a slot frees.
      signal?.addEventListener('abort', () => this.pump(), { once: true });
      this.pump();
    });
  }

  /** Resolves once a slot is free and no fold is waiting for one. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves once no fold is running or waiting. */
  drained(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private isIdle(): boolean {
    return this.running < this.parallelism && this.waiting.length === 0;
  }

  private pump(): void {
    for (let i = 0; i < this.waiting.length;) {
      const w = this.waiting[i];
      if (w.signal?.aborted) {
        this.waiting.splice(i, 1);
        w.reject(w.signal.reason);
      } else i++;
    }
    while (this.running < this.parallelism && this.waiting.length > 0) this.waiting.shift()!.start();
    if (this.isIdle()) for (const r of this.idleWaiters.splice(0)) r();
    if (this.running === 0 && this.waiting.length === 0) for (const r of this.drainWaiters.splice(0)) r();
  }
}
