import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegistry, type ModelRegistry } from '../src/index.js';
import { tempDir } from './fake-model.js';
import { startServer, type TestServer } from '@autopipe/test-servers';
import { describeRegistry } from './registry-suite.js';

// A real PostgreSQL: if it cannot start, beforeAll throws with the server log and every test fails (never skips).
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 180_000);
afterAll(async () => {
  await server?.stop();
});

const artifacts = join(tempDir('pg'), 'artifacts');
const open = (): Promise<ModelRegistry> => openRegistry(server.url(), { artifacts });
describeRegistry('PostgreSQL', open, open);

describe('openRegistry with PostgreSQL', () => {
  it('keeps metadata in PostgreSQL and model directories in the artifact directory', async () => {
    const reg = await open();
    try {
      expect(reg.backend).toBe('postgres');
      expect(reg.root).toBe(artifacts);
    } finally {
      await reg.close();
    }
  });

  it('a bad password is CONNECTION_FAILED with the password redacted', async () => {
    const url = server.url({ password: 'wrong-secret' });
    const e = await openRegistry(url, { artifacts }).then(() => undefined, (err: unknown) => err as { code: string; message: string });
    expect(e).toMatchObject({ code: 'CONNECTION_FAILED' });
    expect(e?.message).not.toContain('wrong-secret');
    expect(e?.message).toContain(':***@');
  });
});
