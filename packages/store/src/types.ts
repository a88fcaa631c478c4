import type { Task } from '@autopipe/core';
import type { FailedTrial, LeaderboardRow, TrialRecord } from '@autopipe/runtime';

/**
 * A killed process (SIGKILL, Ctrl-C, a crash) cannot write its status: its run stays `running` and `effectiveStatus`
 * shows it as `interrupted` once the process is gone. `stopRun` writes `interrupted` or `failed` explicitly.
 */
export type RunStatus = 'running' | 'finished' | 'failed' | 'interrupted';

/** What a run is started with. `source` is redacted by the store before it is written. */
export interface NewRun {
  readonly source: string;
  /** Identifies the data read (e.g. a file hash plus shape) so a resume can refuse changed data. */
  readonly sourceFingerprint?: string;
  readonly target: string;
  readonly task?: Task;
  readonly metric?: string;
  readonly seed: number;
  /** Every training option as given (JSON). */
  readonly options: Readonly<Record<string, unknown>>;
  readonly modelDir?: string;
  readonly host?: string;
  readonly pid?: number;
}

/** The model a finished run saved. */
export interface ChosenModel {
  readonly kind: 'pipeline' | 'ensemble';
  readonly estimator: string;
  readonly trial: number;
  readonly score: number;
  readonly method?: string;
  readonly members?: readonly number[];
}

/** Final results of a run. */
export interface RunResult {
  readonly leaderboard: readonly LeaderboardRow[];
  readonly failures: readonly FailedTrial[];
  readonly chosen: ChosenModel;
  readonly artifact: string | null;
  readonly stoppedBecause: string;
  readonly seconds: { readonly search: number; readonly refit: number; readonly total: number };
}

export interface RunInfo {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  readonly status: RunStatus;
  readonly source: string;
  readonly sourceFingerprint: string | null;
  readonly target: string;
  readonly task: string | null;
  readonly metric: string | null;
  readonly seed: number;
  readonly options: Record<string, unknown>;
  readonly modelDir: string | null;
  readonly autopipeVersion: string;
  /** How many processes have worked on the run (1 + resumes). */
  readonly sessions: number;
  /** Wall-clock seconds of training spent so far, over all sessions. */
  readonly spentSeconds: number;
  readonly host: string | null;
  readonly pid: number | null;
  readonly error: string | null;
  readonly result: RunResult | null;
}

/** A run with its trial count and best trial score, for listings. */
export interface RunSummary extends RunInfo {
  readonly trials: number;
  readonly okTrials: number;
}

/** A trial as stored: the runtime's record plus which session produced it and when. */
export interface StoredTrial extends TrialRecord {
  readonly runId: string;
  readonly session: number;
  readonly recordedAt: string;
}
