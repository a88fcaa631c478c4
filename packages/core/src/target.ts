import { inputError } from './errors.js';
import type { Frame } from './frame.js';
import type { Task } from './task.js';

/** Class labels as codes into `classes`; `classes` is sorted (numerically when all labels are numbers). */
export interface ClassTarget {
  readonly kind: 'classification';
  readonly classes: readonly string[];
  readonly codes: Int32Array;
}

export interface RegressionTarget {
  readonly kind: 'regression';
  readonly values: Float64Array;
}

export type Target = ClassTarget | RegressionTarget;

export function targetLength(y: Target): number {
  return y.kind === 'classification' ? y.codes.length : y.values.length;
}

export function takeTarget(y: Target, rows: ArrayLike<number>): Target {
  const n = rows.length;
  if (y.kind === 'classification') {
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = y.codes[rows[i]];
    return { kind: 'classification', classes: y.classes, codes };
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = y.values[rows[i]];
  return { kind: 'regression', values };
}

/** Sorts labels the way users expect: numerically when every label is a number, else lexicographically. */
export function sortLabels(labels: Iterable<string>): string[] {
  const all = [...new Set(labels)];
  const numeric = all.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  return numeric ? all.sort((a, b) => Number(a) - Number(b)) : all.sort();
}

function labelOf(v: number | string | null): string | null {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : String(v);
  return v;
}

/**
 * Reads the target column of a frame for a task. Rows with a missing target are an error here: the
 * runtime removes them first and says how many it removed.
 */
export function targetFromFrame(frame: Frame, column: string, task: Task, classes?: readonly string[]): Target {
  const data = frame.column(column);
  const n = frame.nrow;
  if (task === 'regression') {
    if (!(data instanceof Float64Array)) {
      throw inputError('UNSUPPORTED_TASK', `Target column "${column}" is ${frame.typeOf(column)}; regression needs a numeric target.`, { column });
    }
    for (let i = 0; i < n; i++) if (Number.isNaN(data[i])) throw inputError('MISSING_TARGET', `Target column "${column}" is missing at data row ${i + 1}.`, { column, row: i + 1 });
    return { kind: 'regression', values: data };
  }
  const labels: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const l = labelOf(data[i] as number | string | null);
    if (l === null) throw inputError('MISSING_TARGET', `Target column "${column}" is missing at data row ${i + 1}.`, { column, row: i + 1 });
    labels[i] = l;
  }
  const cls = classes ?? sortLabels(labels);
  const code = new Map(cls.map((c, i) => [c, i]));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = code.get(labels[i]);
    if (c === undefined) throw inputError('SCHEMA_MISMATCH', `Target value "${labels[i]}" at data row ${i + 1} was not seen in training (classes: ${cls.join(', ')}).`, { column, row: i + 1 });
    codes[i] = c;
  }
  return { kind: 'classification', classes: cls, codes };
}
