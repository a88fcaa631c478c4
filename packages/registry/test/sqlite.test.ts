import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY, openRegistry } from '../src/index.js';
import { tempDir } from './fake-model.js';
import { describeRegistry } from './registry-suite.js';

const root = join(tempDir('sqlite'), 'reg');
describeRegistry('SQLite', () => openRegistry(root), () => openRegistry(root));

describe('openRegistry with SQLite', () => {
  it('keeps metadata in <root>/registry.sqlite and falls back to $AUTOPIPE_REGISTRY', async () => {
    const where = join(tempDir('env'), 'r');
    const before = process.env.AUTOPIPE_REGISTRY;
    process.env.AUTOPIPE_REGISTRY = where;
    try {
      const reg = await openRegistry();
      expect(reg.backend).toBe('sqlite');
      expect(reg.root).toBe(where);
      await reg.close();
      expect(existsSync(join(where, 'registry.sqlite'))).toBe(true);
    } finally {
      if (before === undefined) delete process.env.AUTOPIPE_REGISTRY;
      else process.env.AUTOPIPE_REGISTRY = before;
    }
    expect(DEFAULT_REGISTRY).toBe('.autopipe/registry');
  });
});
