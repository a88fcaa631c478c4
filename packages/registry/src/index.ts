export * from './model-files.js';
export * from './model-registry.js';
export * from './names.js';
export * from './open.js';
export { PostgresBackend, redactUrl } from './postgres-backend.js';
export type { SqlBackend, SqlExecutor } from './sql.js';
export { SqliteBackend } from './sqlite-backend.js';
