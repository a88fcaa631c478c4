/** The learning problem a dataset poses. */
export type Task = 'binary' | 'multiclass' | 'regression';

export const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression'];

export function isClassification(task: Task): task is 'binary' | 'multiclass' {
  return task !== 'regression';
}

/**
 * What a column holds, as inferred by an ingestor or set by the user.
 * `id` (unique per row) and `constant` columns carry no signal and are dropped before training.
 */
export type ColumnType = 'numeric' | 'boolean' | 'categorical' | 'datetime' | 'text' | 'id' | 'constant';

export const COLUMN_TYPES: readonly ColumnType[] = ['numeric', 'boolean', 'categorical', 'datetime', 'text', 'id', 'constant'];

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
