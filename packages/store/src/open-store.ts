import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AutopipeError } from '@autopipe/core';
import { redactSource } from '@autopipe/runtime';
import { PostgresDriver } from './postgres-driver.js';
import { SqlStore, type ExperimentStore } from './sql-store.js';
import { SqliteDriver } from './sqlite-driver.js';

/** Where `train` keeps its store by default: `.autopipe/experiments.sqlite` in the directory that holds the model. */
export function defaultStorePath(modelDir: string): string {
  return join(dirname(resolve(modelDir)), '.autopipe', 'experiments.sqlite');
}

export function isPostgresUri(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Opens a store: a `postgres://` / `postgresql://` URI, otherwise a SQLite file path. `mustExist` (listing
 * runs, resuming) refuses to create a SQLite store that is not there.
 */
export async function openStore(location: string, options: { mustExist?: boolean } = {}): Promise<ExperimentStore> {
  if (isPostgresUri(location)) {
    let driver: PostgresDriver;
    try {
      driver = await PostgresDriver.connect(location);
    } catch (e) {
      throw new AutopipeError('INVALID_ARGUMENT', `Cannot connect to the experiment store ${redactSource(location)}: ${e instanceof Error ? e.message : String(e)}. Check the URI, or use a SQLite path or --no-store.`, { store: redactSource(location) });
    }
    return SqlStore.open(driver);
  }
  if (options.mustExist && !existsSync(location)) {
    throw new AutopipeError('FILE_NOT_FOUND', `No experiment store at ${resolve(location)}: no run has been recorded there. Train a model first, or pass --store with the store a run printed.`, { store: resolve(location) });
  }
  try {
    // A reader still opens read-write so it sees a WAL the writer left behind after a SIGKILL; it creates nothing.
    return await SqlStore.open(new SqliteDriver(location), { readonly: options.mustExist });
  } catch (e) {
    if (e instanceof AutopipeError) throw e;
    throw new AutopipeError('INVALID_ARGUMENT', `Cannot open the experiment store ${resolve(location)}: ${e instanceof Error ? e.message : String(e)}.`, { store: resolve(location) });
  }
}
