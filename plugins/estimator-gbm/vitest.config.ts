import { defineConfig } from 'vitest/config';

// One test file runs in vitest's thread pool, so that a threaded fit is tried from inside a worker thread (as in
// AutoML's fold pool); everything else in child processes.
const inWorker = 'test/in-worker.test.ts';

export default defineConfig({
  // tsyringe needs legacy decorators; the spec tsconfig enables them, this makes it explicit for the transform.
  oxc: { decorator: { legacy: true } },
  test: {
    environment: 'node',
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'forks', include: ['test/**/*.test.ts'], exclude: [inWorker], pool: 'forks' } },
      { extends: true, test: { name: 'threads', include: [inWorker], pool: 'threads' } },
    ],
  },
});
