import type { Command } from 'commander';

/** Placeholder: the `export` command is being written. */
export function registerExport(_program: Command, _run: (fn: () => Promise<void>) => Promise<void>): void {}
