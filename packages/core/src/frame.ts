import { table as aqTable, type ColumnTable } from 'arquero';
import { inputError } from './errors.js';
import type { ColumnSchema, ColumnType } from './task.js';

/**
 * Column storage conventions, fixed so every plugin agrees on them:
 * - `numeric` and `boolean` columns are `Float64Array`s; booleans are 0/1; a missing cell is `NaN`.
 * - every other type is an array of strings; a missing cell is `null`.
 */
export type NumericColumn = Float64Array;
export type StringColumn = readonly (string | null)[];
export type ColumnData = NumericColumn | StringColumn;

export function isNumericType(type: ColumnType): boolean {
  return type === 'numeric' || type === 'boolean';
}

/** A column with its schema entry, the unit frames are built from. */
export interface NamedColumn {
  readonly schema: ColumnSchema;
  readonly data: ColumnData;
}

/**
 * Tabular data exchanged between ingestors, transformers and the runtime: an immutable arquero table plus
 * a schema that says how to read each column. Row order is always the source's row order.
 */
export class Frame {
  readonly schema: readonly ColumnSchema[];
  private readonly index: ReadonlyMap<string, ColumnSchema>;

  private constructor(
    /** The arquero table, for wrangling outside the hot paths (derive, groupby, joins). */
    readonly table: ColumnTable,
    schema: readonly ColumnSchema[],
  ) {
    this.schema = schema;
    this.index = new Map(schema.map((c) => [c.name, c]));
  }

  /** Builds a frame from columns, checking the storage conventions and equal lengths. */
  static fromColumns(columns: readonly NamedColumn[]): Frame {
    // No prototype: columns named "constructor" or "toString" are ordinary names here.
    const data: Record<string, ColumnData> = Object.create(null) as Record<string, ColumnData>;
    let nrow = -1;
    for (const { schema, data: col } of columns) {
      if (schema.name === '__proto__') {
        // arquero keeps columns in plain objects, where this one name cannot live.
        throw inputError('INVALID_ARGUMENT', 'A column is named "__proto__", which autopipe cannot store; rename the column.', { column: schema.name });
      }
      if (Object.hasOwn(data, schema.name)) throw inputError('INVALID_ARGUMENT', `Column "${schema.name}" appears twice; column names must be unique.`, { column: schema.name });
      const numeric = isNumericType(schema.type);
      if (numeric !== col instanceof Float64Array) {
        throw inputError('INVALID_ARGUMENT', `Column "${schema.name}" of type ${schema.type} must be stored as ${numeric ? 'a Float64Array' : 'an array of strings'}.`, { column: schema.name });
      }
      if (nrow >= 0 && col.length !== nrow) {
        throw inputError('INVALID_ARGUMENT', `Column "${schema.name}" has ${col.length} rows, others have ${nrow}.`, { column: schema.name });
      }
      nrow = col.length;
      data[schema.name] = col;
    }
    return new Frame(aqTable(data as Record<string, unknown[]>), columns.map((c) => c.schema));
  }

  get nrow(): number {
    return this.table.numRows();
  }

  get ncol(): number {
    return this.schema.length;
  }

  get names(): string[] {
    return this.schema.map((c) => c.name);
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  typeOf(name: string): ColumnType {
    return this.columnSchema(name).type;
  }

  columnSchema(name: string): ColumnSchema {
    const s = this.index.get(name);
    if (!s) throw inputError('UNKNOWN_COLUMN', `Unknown column "${name}". Columns are: ${this.names.join(', ')}.`, { column: name });
    return s;
  }

  column(name: string): ColumnData {
    this.columnSchema(name);
    return this.table.column(name) as unknown as ColumnData;
  }

  numeric(name: string): NumericColumn {
    const c = this.column(name);
    if (!(c instanceof Float64Array)) throw inputError('UNSUPPORTED_INPUT', `Column "${name}" is ${this.typeOf(name)}, not numeric.`, { column: name });
    return c;
  }

  strings(name: string): StringColumn {
    const c = this.column(name);
    if (c instanceof Float64Array) throw inputError('UNSUPPORTED_INPUT', `Column "${name}" is numeric, not a string column.`, { column: name });
    return c;
  }

  columns(): NamedColumn[] {
    return this.schema.map((s) => ({ schema: s, data: this.column(s.name) }));
  }

  select(names: readonly string[]): Frame {
    return Frame.fromColumns(names.map((n) => ({ schema: this.columnSchema(n), data: this.column(n) })));
  }

  drop(names: readonly string[]): Frame {
    const gone = new Set(names);
    return this.select(this.names.filter((n) => !gone.has(n)));
  }

  /** Rows by position, in the order given (repeats allowed). */
  take(rows: ArrayLike<number>): Frame {
    const idx = Array.from(rows);
    return new Frame(this.table.reify(idx), this.schema);
  }

  /** Replaces or appends columns, keeping the order of existing ones. */
  with(columns: readonly NamedColumn[]): Frame {
    const repl = new Map(columns.map((c) => [c.schema.name, c]));
    const out: NamedColumn[] = this.columns().map((c) => repl.get(c.schema.name) ?? c);
    for (const c of columns) if (!this.has(c.schema.name)) out.push(c);
    return Frame.fromColumns(out);
  }

  /** Changes the declared type of columns whose storage stays valid (e.g. categorical → id). */
  retype(types: Readonly<Record<string, ColumnType>>): Frame {
    return Frame.fromColumns(this.columns().map((c) => {
      const t = types[c.schema.name];
      return t ? { schema: { name: c.schema.name, type: t }, data: c.data } : c;
    }));
  }
}
