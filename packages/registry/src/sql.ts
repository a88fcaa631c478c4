/** Runs SQL written with `?` placeholders; rows come back as plain objects. */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/**
 * The little the registry needs from a database: queries, a serialized transaction, and the one piece of DDL
 * that differs between dialects (an auto-increment key). Everything else is portable SQL shared by both backends.
 */
export interface SqlBackend extends SqlExecutor {
  readonly kind: 'sqlite' | 'postgres';
  /** Column definition of an auto-increment integer primary key. */
  readonly autoIdColumn: string;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
