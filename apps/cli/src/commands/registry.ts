import type { Command } from 'commander';

/** Placeholder: the `registry` command is being written. */
export function registerRegistry(_program: Command, _run: (fn: () => Promise<void>) => Promise<void>): void {}
