import type { ColumnSchema, Task } from '@autopipe/core';
import type { DroppedColumn } from './dataset.js';
import type { FailedTrial, LeaderboardRow } from './leaderboard.js';
import type { PipelineSpec } from './planner.js';
import type { EnsembleSpec } from './predictor.js';
import type { EvaluationMethod } from './trainer.js';

/**
 * `manifest.json` of a model directory: everything needed to describe, reload and audit a model. Its JSON Schema is
 * `schema/model-manifest.schema.json` (validated at load); the format is documented in `docs/model-format.md`.
 */
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
  /** Data-quality findings from the start of training. */
  readonly dataWarnings?: readonly string[];
  readonly pipeline: PipelineSpec;
  /** Matrix columns after preprocessing, in the order the model takes them. */
  readonly columns: readonly string[];
  /** Present when the final model is an ensemble; `pipeline`/`columns` then describe the best single trial. */
  readonly ensemble?: EnsembleSpec;
  readonly metric: { readonly key: string; readonly direction: 'max' | 'min' };
  readonly evaluation: EvaluationMethod;
  /** The leader's score under `evaluation`; NaN (null in JSON) for a single fit without CV. */
  readonly score: { readonly value: number; readonly std: number; readonly foldScores: readonly number[] };
  readonly leaderboard: readonly LeaderboardRow[];
  readonly failures: readonly FailedTrial[];
  readonly seed: number;
  readonly training: { readonly rows: number; readonly source?: string; readonly seconds: number; readonly stoppedBecause: string; readonly timeBudget?: number };
  readonly plugins: readonly { readonly name: string; readonly version: string }[];
  /**
   * The other files, as plain names inside the directory, with SHA-256 digests (lower-case hex). `stateSha256` was
   * added within format version 1: older manifests lack it and loaders check it only when present.
   */
  readonly files: { readonly state: string; readonly weights: string; readonly weightsSha256: string; readonly stateSha256?: string };
}
