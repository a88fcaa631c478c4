import { defineConfig } from 'vitest/config';

export default defineConfig({
  // tsyringe needs legacy decorators; the spec tsconfig enables them, this makes it explicit for the transform.
  oxc: { decorator: { legacy: true } },
  test: { include: ['test/**/*.test.ts'], environment: 'node', testTimeout: 60_000, pool: 'forks' },
});
