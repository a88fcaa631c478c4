import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/**/*.test.mjs'], environment: 'node', testTimeout: 180_000, hookTimeout: 180_000, pool: 'forks' },
});
