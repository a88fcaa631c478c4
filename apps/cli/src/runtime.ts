import 'reflect-metadata';
import { basename, extname } from 'node:path';
import { createRuntime } from '@autopipe/runtime';
import type { DependencyContainer } from 'tsyringe';
import { externalPlugins, registerExternalPlugins } from './external-plugins.js';
import { createCliLogger, type CliLoggerOptions } from './logger.js';
import { BUNDLED_PLUGINS } from './plugins.js';

/** Options every command takes. */
export interface GlobalOptions {
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
}

/**
 * Composition root for one command: the bundled plugins in a fresh container, then the external ones (`--plugin`,
 * `autopipe.config.*`) loaded by the pre-action hook, and a stderr logger.
 */
export function openRuntime(o: GlobalOptions, beforeWrite?: () => void): { container: DependencyContainer; logger: ReturnType<typeof createCliLogger> } {
  const opts: CliLoggerOptions = { quiet: Boolean(o.quiet), verbose: Boolean(o.verbose), beforeWrite };
  const logger = createCliLogger(opts);
  const container = createRuntime({ plugins: BUNDLED_PLUGINS, logger });
  registerExternalPlugins(container, externalPlugins(), logger);
  return { container, logger };
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
}

/** A model directory name for a source: the table for database URIs, else the file name without extension. */
export function defaultModelName(source: string): string {
  const table = /[?&]table=([^&]+)/.exec(source)?.[1];
  if (table) return decodeURIComponent(table).replace(/[^A-Za-z0-9_.-]+/g, '_');
  const bare = source.replace(/\?.*$/, '');
  return basename(bare, extname(bare)) || 'model';
}
