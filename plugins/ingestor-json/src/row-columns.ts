import { ValueColumnBuilder } from '@autopipe/ingest';

/**
 * Columns filled from JSON objects one row at a time: the union of keys in first-seen order, a key missing
 * from a row is a missing cell. Objects are read and dropped, never kept.
 */
export class RowColumns {
  readonly builders: ValueColumnBuilder[] = [];
  private readonly byKey = new Map<string, ValueColumnBuilder>();
  rows = 0;

  /**
   * With `keys`, the columns are fixed (a later batch of a stream): a row with another key calls `unknown`, which
   * throws.
   */
  constructor(
    private readonly isMissing: (trimmed: string) => boolean,
    keys?: readonly string[],
    private readonly unknown?: (key: string) => never,
  ) {
    for (const key of keys ?? []) this.column(key);
  }

  private column(key: string): ValueColumnBuilder {
    const b = new ValueColumnBuilder(key, this.isMissing);
    b.pushMissing(this.rows);
    this.byKey.set(key, b);
    this.builders.push(b);
    return b;
  }

  add(row: Record<string, unknown>): void {
    for (const key in row) {
      let b = this.byKey.get(key);
      if (b === undefined) {
        if (this.unknown) this.unknown(key);
        b = new ValueColumnBuilder(key, this.isMissing);
        b.pushMissing(this.rows);
        this.byKey.set(key, b);
        this.builders.push(b);
      }
      b.push(row[key]);
    }
    this.rows++;
    const builders = this.builders;
    for (let j = 0; j < builders.length; j++) if (builders[j].length < this.rows) builders[j].pushMissing();
  }
}
