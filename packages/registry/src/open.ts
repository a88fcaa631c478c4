import { join, resolve } from 'node:path';
import { ModelRegistry } from './model-registry.js';
import { PostgresBackend } from './postgres-backend.js';
import { SqliteBackend } from './sqlite-backend.js';

/** Where a registry lives when nothing is given: `$AUTOPIPE_REGISTRY`, else `.autopipe/registry`. */
export const DEFAULT_REGISTRY = '.autopipe/registry';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export interface OpenRegistryOptions {
  /** Artifact directory for a PostgreSQL registry (model directories are files, not rows); default `.autopipe/registry`. */
  readonly artifacts?: string;
}

/**
 * Opens a registry: a directory path (SQLite metadata in `<dir>/registry.sqlite`, models in `<dir>/models`) or a
 * `postgres://` URL (metadata in PostgreSQL, models under `options.artifacts`). Without a location, uses
 * `$AUTOPIPE_REGISTRY` or `.autopipe/registry`.
 */
export async function openRegistry(location?: string, options: OpenRegistryOptions = {}): Promise<ModelRegistry> {
  const where = location || process.env.AUTOPIPE_REGISTRY || DEFAULT_REGISTRY;
  if (isPostgresUrl(where)) {
    const root = options.artifacts ?? process.env.AUTOPIPE_REGISTRY_ARTIFACTS ?? DEFAULT_REGISTRY;
    const db = new PostgresBackend(where);
    try {
      return await ModelRegistry.open(db, root);
    } catch (e) {
      await db.close().catch(() => undefined);
      throw e;
    }
  }
  const root = resolve(where);
  return ModelRegistry.open(new SqliteBackend(join(root, 'registry.sqlite')), root);
}
