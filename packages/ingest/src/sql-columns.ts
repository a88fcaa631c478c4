import { inputError, type NamedColumn, type ReadOptions } from '@autopipe/core';
import { missingTest } from './missing.js';
import { checkTypeOverrides } from './overrides.js';
import { ValueColumnBuilder } from './value-column.js';

/**
 * How the database declares a column. Numbers and booleans are pushed as such; dates are pushed as ISO text and
 * recognized by the shared inference; everything else is a string for the shared inference.
 */
export type SqlKind = 'numeric' | 'boolean' | 'datetime' | 'string';

/**
 * Starts one column builder per result column, after checking the names: they must be unique, and type
 * overrides must name real columns — so a typo fails before a large table is streamed. SQL NULL is always
 * missing; string cells are also compared with the missing markers (`options.missing` or the shared defaults),
 * so a table exported from a CSV reads the same as the CSV.
 */
export function startColumns(names: readonly string[], options: ReadOptions, source: string): ValueColumnBuilder[] {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) {
      throw inputError('INVALID_ARGUMENT', `${source}: the result has two columns named "${n}"; give them distinct names with AS in the query.`, { source, column: n });
    }
    seen.add(n);
  }
  checkTypeOverrides(names, options.types, source);
  const isMissing = missingTest(options.missing);
  return names.map((n) => new ValueColumnBuilder(n, isMissing));
}

/** Finishes the builders into frame columns: the user's override when given, else the shared inference. */
export function finishColumns(builders: readonly ValueColumnBuilder[], options: ReadOptions, source: string): NamedColumn[] {
  return builders.map((b) => b.finish({ source }, options.types?.[b.name]));
}
