import type { ColumnSchema, Task } from '@autopipe/core';
import type { DroppedColumn } from './dataset.js';
import type { FailedTrial, LeaderboardRow } from './leaderboard.js';
import type { PipelineSpec } from './planner.js';

/** `manifest.json` of a model directory: everything needed to describe, reload and audit a model. */
export interface ModelManifest {
  readonly format: 'autopipe-model';
  readonly formatVersion: number;
  readonly autopipeVersion: string;
  readonly createdAt: string;
  readonly task: Task;
  readonly target: string;
  /** Class labels in code order (classification only). */
  readonly classes?: readonly string[];
  /** The feature columns training used, with their types; enforced at predict time. */
  readonly schema: readonly ColumnSchema[];
  readonly dropped: readonly DroppedColumn[];
  readonly pipeline: PipelineSpec;
  /** Matrix columns after preprocessing, in the order the model takes them. */
  readonly columns: readonly string[];
  readonly metric: { readonly key: string; readonly direction: 'max' | 'min' };
  readonly evaluation: { readonly method: 'cv'; readonly folds: number } | { readonly method: 'holdout'; readonly fraction: number };
  readonly score: { readonly value: number; readonly std: number; readonly foldScores: readonly number[] };
  readonly leaderboard: readonly LeaderboardRow[];
  readonly failures: readonly FailedTrial[];
  readonly seed: number;
  readonly training: { readonly rows: number; readonly source?: string; readonly seconds: number; readonly stoppedBecause: string; readonly timeBudget?: number };
  readonly plugins: readonly { readonly name: string; readonly version: string }[];
  readonly files: { readonly state: string; readonly weights: string; readonly weightsSha256: string };
}
