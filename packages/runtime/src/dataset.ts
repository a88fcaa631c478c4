import { AutopipeError, inputError, isClassification, sortLabels, targetFromFrame, type ColumnSchema, type Frame, type Logger, type Target, type Task } from '@autopipe/core';

/** A column left out of training and why, reported to the user and saved in the manifest. */
export interface DroppedColumn {
  readonly column: string;
  readonly reason: string;
}

/** Training data after validation: rows with a target, the task, and the usable feature columns. */
export interface TrainingData {
  readonly frame: Frame;
  readonly target: string;
  readonly task: Task;
  readonly y: Target;
  readonly features: readonly ColumnSchema[];
  readonly dropped: readonly DroppedColumn[];
  readonly rowsDropped: number;
}

const UNUSABLE: Readonly<Record<string, string>> = {
  id: 'identifier-like (unique per row)',
  constant: 'constant (one value)',
};

/** The same training data without some feature columns (e.g. ones no registered transformer can use). */
export function withoutColumns(data: TrainingData, drops: readonly DroppedColumn[]): TrainingData {
  if (drops.length === 0) return data;
  const gone = new Set(drops.map((d) => d.column));
  const features = data.features.filter((f) => !gone.has(f.name));
  if (features.length === 0) throw new AutopipeError('NO_ROWS', `No usable feature columns left (dropped: ${[...data.dropped, ...drops].map((d) => `${d.column}: ${d.reason}`).join('; ')}).`);
  return { ...data, frame: data.frame.select(features.map((f) => f.name)), features, dropped: [...data.dropped, ...drops] };
}

function distinctTargetValues(frame: Frame, target: string): string[] {
  const col = frame.column(target);
  const seen = new Set<string>();
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) continue;
    seen.add(String(v));
    if (seen.size > 1000) break;
  }
  return sortLabels(seen);
}

/**
 * Infers the task from the target column, like H2O: a numeric target with more than two values is
 * regression; two values (numeric, boolean or string) is binary; other string targets are multiclass.
 */
export function inferTask(frame: Frame, target: string): Task {
  const type = frame.typeOf(target);
  const values = distinctTargetValues(frame, target);
  if (values.length < 2) {
    throw inputError('SINGLE_CLASS_TARGET', `Target column "${target}" has ${values.length === 0 ? 'no values' : `a single value (${values[0]})`}; there is nothing to learn. Choose another target.`, { column: target });
  }
  if (values.length === 2) return 'binary';
  return type === 'numeric' ? 'regression' : 'multiclass';
}

/** Validates the target, drops rows without one and picks the feature columns. */
export function prepareTraining(frame: Frame, target: string, options: { task?: Task; ignore?: readonly string[]; logger: Logger }): TrainingData {
  if (!frame.has(target)) {
    throw inputError('UNKNOWN_COLUMN', `Target column "${target}" is not in the data. Columns are: ${frame.names.join(', ')}.`, { column: target });
  }
  for (const c of options.ignore ?? []) {
    if (!frame.has(c)) throw inputError('UNKNOWN_COLUMN', `Column "${c}" given to --ignore is not in the data. Columns are: ${frame.names.join(', ')}.`, { column: c });
  }
  const col = frame.column(target);
  const keep: number[] = [];
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (!(v === null || (typeof v === 'number' && Number.isNaN(v)))) keep.push(i);
  }
  const rowsDropped = frame.nrow - keep.length;
  if (keep.length === 0) throw inputError('NO_ROWS', `Every row is missing the target column "${target}".`, { column: target });
  if (rowsDropped > 0) options.logger.warn(`${rowsDropped} row(s) have no value in target "${target}" and were left out of training.`);
  const rows = rowsDropped > 0 ? frame.take(keep) : frame;

  const inferred = inferTask(rows, target);
  const task = options.task ?? inferred;
  if (task === 'regression' && rows.typeOf(target) !== 'numeric') {
    throw inputError('UNSUPPORTED_TASK', `Target "${target}" is ${rows.typeOf(target)}; regression needs a numeric target.`, { column: target });
  }
  if (isClassification(task) && rows.typeOf(target) === 'numeric') {
    const n = distinctTargetValues(rows, target).length;
    if (n > 100) throw inputError('UNSUPPORTED_TASK', `Target "${target}" has ${n} distinct numbers; that is regression, not classification.`, { column: target });
  }
  if (task === 'binary' && inferred === 'multiclass') throw inputError('UNSUPPORTED_TASK', `Target "${target}" has more than two classes; use --task multiclass.`, { column: target });
  const y = targetFromFrame(rows, target, task);

  const ignore = new Set(options.ignore ?? []);
  const dropped: DroppedColumn[] = [];
  const features: ColumnSchema[] = [];
  for (const c of rows.schema) {
    if (c.name === target) continue;
    if (ignore.has(c.name)) dropped.push({ column: c.name, reason: 'ignored by the user' });
    else if (UNUSABLE[c.type]) dropped.push({ column: c.name, reason: UNUSABLE[c.type] });
    else features.push(c);
  }
  if (features.length === 0) {
    throw new AutopipeError('NO_ROWS', `No usable feature columns besides target "${target}" (dropped: ${dropped.map((d) => `${d.column}: ${d.reason}`).join('; ') || 'none'}).`);
  }
  return { frame: rows.select(features.map((f) => f.name)), target, task, y, features, dropped, rowsDropped };
}
