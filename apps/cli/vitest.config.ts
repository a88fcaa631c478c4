import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // tsyringe needs legacy decorators; the spec tsconfig enables them, this makes it explicit for the transform.
  oxc: { decorator: { legacy: true } },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    // Vitest's default (cores − 1) runs one file at a time on 2 cores, and these files mostly wait on the CLI processes
    // they spawn (1.35 cores busy on average). nx starts this project's tests last, as the suite's longest task:
    // two files at a time took it from 252 s to 166 s on 2 cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
