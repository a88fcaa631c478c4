/** The learning problem a dataset poses. */
export type Task = 'binary' | 'multiclass' | 'regression';

export const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression'];

export function isClassification(task: Task): task is 'binary' | 'multiclass' {
  return task !== 'regression';
}

/**
 * What a column holds, as inferred by an ingestor or set by the user.
 * `high_cardinality` is a categorical column with many distinct values (encoders treat it differently);
 * `id` (unique per row) and `constant` columns carry no signal and are dropped before training.
 * `datetime` cells are stored as ISO-8601 strings.
 */
export type ColumnType = 'numeric' | 'boolean' | 'categorical' | 'high_cardinality' | 'datetime' | 'text' | 'id' | 'constant';

export const COLUMN_TYPES: readonly ColumnType[] = ['numeric', 'boolean', 'categorical', 'high_cardinality', 'datetime', 'text', 'id', 'constant'];

/** Column types holding category labels (strings), whatever their cardinality. */
export function isCategoricalType(type: ColumnType): boolean {
  return type === 'categorical' || type === 'high_cardinality';
}

/** One column of a frame's schema. */
export interface ColumnSchema {
  readonly name: string;
  readonly type: ColumnType;
}

/** Which column plays which part in a learning problem. */
export interface ColumnRoles {
  readonly target: string;
  readonly features: readonly string[];
}
