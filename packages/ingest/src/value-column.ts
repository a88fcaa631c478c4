import type { ColumnType, NamedColumn } from '@autopipe/core';
import { GrowableFloat64 } from './growable.js';
import { columnFromBooleans, columnFromNumbers, columnFromStrings } from './infer-column.js';
import type { InferOptions } from './infer-types.js';
import type { CellLocator } from './to-column.js';

/**
 * Builds one column from values typed at the source (JSON, Arrow, Parquet): numbers and booleans stay in a
 * Float64Array; strings go through the shared inference. A column that mixes kinds (1, "a") becomes strings, the
 * numbers and booleans written as their text. Strings that are missing markers count as missing.
 */
export class ValueColumnBuilder {
  private kind: 'none' | 'number' | 'boolean' | 'string' = 'none';
  private typed = new GrowableFloat64();
  private strings: (string | null)[] | null = null;
  private missingRun = 0;

  constructor(
    readonly name: string,
    private readonly isMissing: (trimmed: string) => boolean,
  ) {}

  get length(): number {
    return this.strings ? this.strings.length : this.typed.length + this.missingRun;
  }

  /** Appends `count` missing cells, e.g. for rows read before the column's key first appeared. */
  pushMissing(count = 1): void {
    if (this.strings) for (let k = 0; k < count; k++) this.strings.push(null);
    else if (this.kind === 'none') this.missingRun += count;
    else for (let k = 0; k < count; k++) this.typed.push(NaN);
  }

  pushNumber(x: number): void {
    if (this.kind === 'number' || this.start('number')) this.typed.push(Number.isFinite(x) ? x : NaN);
    else this.strings!.push(Number.isNaN(x) ? null : String(x));
  }

  pushBoolean(b: boolean): void {
    if (this.kind === 'boolean' || this.start('boolean')) this.typed.push(b ? 1 : 0);
    else this.strings!.push(String(b));
  }

  pushString(s: string): void {
    if (this.kind !== 'string') this.start('string');
    // Trimmed like delimited text, so the same value reads the same from every format.
    const t = s.trim();
    this.strings!.push(this.isMissing(t) ? null : t);
  }

  /** Appends any JSON-like value: objects and arrays are stored as their JSON text. */
  push(v: unknown): void {
    if (v === null || v === undefined) this.pushMissing();
    else if (typeof v === 'number') this.pushNumber(v);
    else if (typeof v === 'boolean') this.pushBoolean(v);
    else if (typeof v === 'string') this.pushString(v);
    else if (typeof v === 'bigint') this.pushNumber(Number(v));
    else this.pushString(JSON.stringify(v));
  }

  /** Switches kind; returns true when the value can go into the typed buffer. */
  private start(kind: 'number' | 'boolean' | 'string'): boolean {
    if (this.kind === 'none' && kind !== 'string') {
      this.kind = kind;
      for (let k = 0; k < this.missingRun; k++) this.typed.push(NaN);
      this.missingRun = 0;
      return true;
    }
    if (this.kind !== 'string') this.toStrings();
    return false;
  }

  private toStrings(): void {
    const out: (string | null)[] = new Array(this.missingRun).fill(null);
    const wasBool = this.kind === 'boolean';
    for (let i = 0; i < this.typed.length; i++) {
      const x = this.typed.get(i);
      out.push(x !== x ? null : wasBool ? String(x === 1) : String(x));
    }
    this.typed = new GrowableFloat64();
    this.missingRun = 0;
    this.strings = out;
    this.kind = 'string';
  }

  /** The finished column: the override when given, else the inferred type. */
  finish(where: CellLocator, override?: ColumnType, options?: InferOptions): NamedColumn {
    if (this.kind === 'number') return columnFromNumbers(this.name, this.typed.toArray(), where, override, options);
    if (this.kind === 'boolean') return columnFromBooleans(this.name, this.typed.toArray(), where, override);
    const strings = this.strings ?? new Array<string | null>(this.missingRun).fill(null);
    return columnFromStrings(this.name, strings, where, override, options);
  }
}
