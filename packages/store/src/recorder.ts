import type { RunObserver, TrainResult, TrialRecord } from '@autopipe/runtime';
import { runResult } from './run-result.js';
import type { ExperimentStore } from './sql-store.js';
import type { RunStatus } from './types.js';

/**
 * Records a training session into the store: each finished trial as the trainer reports it, then the result.
 * Spent seconds accumulate over sessions so a resume knows what is left of the budget.
 */
export class RunRecorder implements RunObserver {
  private readonly pending = new Set<Promise<void>>();
  private readonly started = Date.now();
  /** Trials this session evaluated and recorded (replayed ones are not reported by the trainer). */
  recorded = 0;
  /** The first write that failed; training goes on, the caller decides what to say. */
  failure: Error | null = null;

  constructor(
    readonly store: ExperimentStore,
    readonly runId: string,
    readonly session: number,
    private readonly spentBefore = 0,
    private readonly onError?: (e: Error) => void,
  ) {}

  /** Seconds spent on the run over all sessions, up to now. */
  spent(): number {
    return this.spentBefore + (Date.now() - this.started) / 1000;
  }

  trial(record: TrialRecord): void {
    this.recorded++;
    // The SQLite driver commits inside this call, before the trainer starts the next trial.
    const p = this.store.recordTrial(this.runId, this.session, record, this.spent()).catch((e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      if (!this.failure) {
        this.failure = err;
        this.onError?.(err);
      }
    });
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  async finish(result: TrainResult, artifact: string | null): Promise<void> {
    await this.flush();
    await this.store.finishRun(this.runId, runResult(result, artifact), this.spent(), { task: result.data.task, metric: result.metric.key });
  }

  async stop(status: Exclude<RunStatus, 'running' | 'finished'>, error: string | null): Promise<void> {
    await this.flush();
    await this.store.stopRun(this.runId, status, error, this.spent());
  }
}
