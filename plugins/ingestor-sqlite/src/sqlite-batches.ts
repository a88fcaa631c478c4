import type Database from 'better-sqlite3';
import { inputError, type ColumnType, type NamedColumn, type ReadOptions } from '@autopipe/core';
import { columnFromBooleans, isoFromEpochMs, startColumns, type BatchTypes, type SqlKind, type ValueColumnBuilder } from '@autopipe/ingest';

/** Maps a declared column type to a kind, following SQLite's affinity rules plus BOOLEAN and DATE/TIME names. */
export function sqliteKind(declared: string | null): SqlKind {
  if (!declared) return 'string';
  const t = declared.toUpperCase();
  if (t.includes('BOOL')) return 'boolean';
  if (t.includes('DATE') || t.includes('TIME')) return 'datetime';
  if (/INT|REAL|FLOA|DOUB|NUM|DEC/.test(t)) return 'numeric';
  return 'string';
}

/**
 * SQLite stores dates as ISO text (`2024-01-02 10:00:00`, which the shared inference reads as is) or as Unix
 * seconds, which become UTC ISO text here.
 */
export function sqliteDatetime(value: string | number): string {
  return typeof value === 'number' ? isoFromEpochMs(value * 1000, true, true) : value;
}

/**
 * Reads a statement's rows into columns, `batchRows` rows at a time (Infinity: one batch holding everything), each
 * batch finished with the types `types` knows (given, or fixed by the first batch) and inferred otherwise.
 * Yields nothing for an empty result.
 */
export function* sqliteBatches(stmt: Database.Statement, options: ReadOptions, source: string, batchRows: number, types: BatchTypes): Generator<NamedColumn[]> {
  const declared = stmt.columns();
  const names = declared.map((c) => c.name);
  let cols = startColumns(names, options, source);
  const kinds = declared.map((c) => sqliteKind(c.type));
  // SQLite has no boolean storage: a BOOLEAN column holds integers, read as booleans only if every cell is 0/1.
  let binary = kinds.map((k) => k === 'boolean');
  const width = cols.length;
  let firstRow = 0;
  // raw() yields one transient array per row; cells go straight into the column builders.
  for (const row of stmt.raw(true).iterate() as IterableIterator<unknown[]>) {
    for (let j = 0; j < width; j++) {
      const v = row[j];
      const c = cols[j];
      if (v === null || v === undefined) c.pushMissing();
      else if (typeof v === 'number') {
        if (kinds[j] === 'datetime') c.pushString(sqliteDatetime(v));
        else {
          if (v !== 0 && v !== 1) binary[j] = false;
          c.pushNumber(v);
        }
      } else if (typeof v === 'string') {
        binary[j] = false;
        c.pushString(v);
      } else if (typeof v === 'bigint') {
        binary[j] = false;
        c.pushNumber(Number(v));
      } else {
        throw inputError('UNSUPPORTED_INPUT', `${source}: column "${c.name}" holds binary data (BLOB) in row ${c.length + 1}; leave it out with a query or CAST it to TEXT.`, { source, column: c.name, row: c.length + 1 });
      }
    }
    if (width > 0 && cols[0].length === batchRows) {
      yield cols.map((c, j) => finish(c, binary[j], types.typeOf(c.name), source, firstRow));
      firstRow += batchRows;
      cols = startColumns(names, options, source);
      binary = kinds.map((k) => k === 'boolean');
    }
  }
  if (width > 0 && cols[0].length > 0) yield cols.map((c, j) => finish(c, binary[j], types.typeOf(c.name), source, firstRow));
}

function finish(c: ValueColumnBuilder, binary: boolean, override: ColumnType | undefined, source: string, firstRow: number): NamedColumn {
  const where = { source, firstRow };
  if (!binary) return c.finish(where, override);
  const bits = c.finish(where, 'numeric').data as Float64Array;
  return columnFromBooleans(c.name, bits, where, override);
}

