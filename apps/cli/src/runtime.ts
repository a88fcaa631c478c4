import 'reflect-metadata';
import { createRuntime } from '@autopipe/runtime';
import type { DependencyContainer } from 'tsyringe';
import { createCliLogger, type CliLoggerOptions } from './logger.js';
import { BUNDLED_PLUGINS } from './plugins.js';

/** Options every command takes. */
export interface GlobalOptions {
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
}

/** Composition root for one command: the bundled plugins in a fresh container, and a stderr logger. */
export function openRuntime(o: GlobalOptions, beforeWrite?: () => void): { container: DependencyContainer; logger: ReturnType<typeof createCliLogger> } {
  const opts: CliLoggerOptions = { quiet: Boolean(o.quiet), verbose: Boolean(o.verbose), beforeWrite };
  const logger = createCliLogger(opts);
  return { container: createRuntime({ plugins: BUNDLED_PLUGINS, logger }), logger };
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
}
