import type { Command } from 'commander';

/** Placeholder: the `serve` command is being written. */
export function registerServe(_program: Command, _run: (fn: () => Promise<void>) => Promise<void>): void {}
