/** One SQL statement with `?` placeholders (the PostgreSQL driver numbers them). */
export interface Statement {
  readonly sql: string;
  readonly params?: readonly unknown[];
}

export type Row = Record<string, unknown>;

/**
 * The little a store needs from a database. Both drivers run the same SQL (`?` placeholders, `ON CONFLICT`,
 * `excluded.`); only the schema's column types differ (see schema.ts).
 */
export interface SqlDriver {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the data lives, safe to print (no password). */
  readonly location: string;
  /** Runs the statements in one transaction. The SQLite driver has committed before this returns. */
  batch(statements: readonly Statement[]): Promise<void>;
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** `?` → `$1, $2, ...` (our SQL never holds a literal question mark). */
export function numberPlaceholders(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}
