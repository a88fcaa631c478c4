import type { RunContext } from './context.js';
import type { Frame } from './frame.js';
import type { ColumnType } from './task.js';

export interface ReadOptions {
  /** Cell values read as missing; ingestors have their own defaults (e.g. empty, NA, ?). */
  readonly missing?: readonly string[];
  /** User overrides of inferred column types. */
  readonly types?: Readonly<Record<string, ColumnType>>;
  /** Field delimiter for delimited text; inferred when absent. */
  readonly delimiter?: string;
  /** A query to run instead of reading a whole table (SQL ingestors). */
  readonly query?: string;
}

/** An ingestor plugin: reads a source (a path or URI) into a frame with an inferred schema. */
export interface IngestorDefinition {
  readonly kind: 'ingestor';
  readonly key: string;
  readonly description: string;
  /** File extensions (without dot) it reads, used to pick an ingestor for a path. */
  readonly extensions: readonly string[];
  canRead(source: string): boolean;
  read(source: string, options: ReadOptions, ctx: RunContext): Promise<Frame>;
  /**
   * Optional: reads the source in batches of about `batchRows` rows with bounded memory (batch scoring). Every batch
   * has the same columns; types come from `options.types` where given (predict passes the model's schema) and are
   * inferred from the first batch otherwise.
   */
  stream?(source: string, options: ReadOptions & { readonly batchRows: number }, ctx: RunContext): AsyncIterable<Frame>;
}
