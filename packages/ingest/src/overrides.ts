import { inputError, type ColumnType } from '@autopipe/core';

/** Fails with UNKNOWN_COLUMN when type overrides name columns the source does not have. */
export function checkTypeOverrides(names: readonly string[], types: Readonly<Record<string, ColumnType>> | undefined, source: string): void {
  if (!types) return;
  const known = new Set(names);
  const unknown = Object.keys(types).filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw inputError(
      'UNKNOWN_COLUMN',
      `Type overrides name ${unknown.map((n) => `"${n}"`).join(', ')}, not in ${source}; its columns are: ${names.join(', ')}.`,
      { file: source, columns: unknown },
    );
  }
}
