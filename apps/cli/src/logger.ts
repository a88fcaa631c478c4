import type { Logger } from '@autopipe/core';

export interface CliLoggerOptions {
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** Called before a line is written, so a progress bar can step aside. */
  readonly beforeWrite?: () => void;
}

/** Logs to stderr so stdout stays clean for results (tables, CSV, JSON). */
export function createCliLogger(o: CliLoggerOptions): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const write = (line: string) => {
    o.beforeWrite?.();
    process.stderr.write(line + '\n');
  };
  return {
    warnings,
    debug: (m) => { if (o.verbose) write(`debug: ${m}`); },
    info: (m) => { if (!o.quiet) write(m); },
    warn: (m) => { warnings.push(m); if (!o.quiet) write(`warning: ${m}`); },
  };
}
