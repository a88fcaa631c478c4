import type { ColumnSchema, Frame, Logger, Prediction, Task } from '@autopipe/core';

/** A loaded model as the server sees it: what it takes, what it predicts, and how to score a frame. */
export interface Scorer {
  readonly task: Task;
  readonly target: string;
  /** Class labels in code order (classification only). */
  readonly classes?: readonly string[];
  /** The raw feature columns, with the types requests are converted to. */
  readonly schema: readonly ColumnSchema[];
  predict(frame: Frame): Prediction | Promise<Prediction>;
}

/**
 * Loads a model directory into a scorer. The server knows no plugins: the host (the CLI) passes a loader bound
 * to its plugin registry, typically `modelServiceLoader(container.resolve(ModelService))`.
 */
export type ModelLoader = (dir: string) => Scorer | Promise<Scorer>;

/** The part of the model registry the server uses: resolving a reference to a version's directory. */
export interface RegistryResolver {
  resolve(ref: string): Promise<{ name: string; version: number; stage: string; dir: string }>;
}

/** What to serve: a model directory (served under `name`, default its directory name) or a registry reference. */
export type ModelSource = { readonly dir: string; readonly name?: string } | { readonly ref: string };

export interface ServerOptions {
  readonly models: readonly ModelSource[];
  readonly loader: ModelLoader;
  /** Needed when a source is a registry reference. */
  readonly registry?: RegistryResolver;
  /** When set, every route except /healthz and /readyz needs `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Largest accepted request body in bytes (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** Most rows in one predict request (default 10,000). */
  readonly maxBatchRows?: number;
  /** How often to look for a new production version or a replaced model directory, in ms (default 1000; 0 = never). */
  readonly reloadIntervalMs?: number;
  readonly logger?: Logger;
}
