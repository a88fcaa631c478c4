import { InvalidArgumentError } from 'commander';
import { COLUMN_TYPES, TASKS, type ColumnType, type Task } from '@autopipe/core';

export function positiveNumber(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number.`);
    return n;
  };
}

export function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer.`);
    return n;
  };
}

export function nonNegativeInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 32 - 1) throw new InvalidArgumentError('seed must be an integer between 0 and 4294967295.');
  return n;
}

export function list(v: string): string[] {
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

export function task(v: string): Task {
  if (!TASKS.includes(v as Task)) throw new InvalidArgumentError(`task must be one of ${TASKS.join(', ')}.`);
  return v as Task;
}

/** `col=type,col2=type` → overrides for the ingestor. */
export function types(v: string): Record<string, ColumnType> {
  const out: Record<string, ColumnType> = {};
  for (const part of list(v)) {
    const [col, type] = part.split('=').map((s) => s.trim());
    if (!col || !COLUMN_TYPES.includes(type as ColumnType)) throw new InvalidArgumentError(`"${part}": write col=type with type one of ${COLUMN_TYPES.join(', ')}.`);
    out[col] = type as ColumnType;
  }
  return out;
}
