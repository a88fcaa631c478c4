import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/open-store.js';
import { describeStore } from './store-suite.js';
import { startServer, type TestServer } from '@autopipe/test-servers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 180_000);
afterAll(async () => {
  await server?.stop();
});

describeStore('PostgreSQL', () => openStore(server.url()));

describe('PostgreSQL specifics', () => {
  it('keeps the password out of the location and reports a bad URI as an input error', async () => {
    const store = await openStore(server.url());
    expect(store.dialect).toBe('postgres');
    expect(store.location).not.toContain(server.password);
    await store.close();
    await expect(openStore(server.url({ password: 'wrong' }))).rejects.toThrow(/Cannot connect to the experiment store postgres:\/\/postgres:\*\*\*@127\.0\.0\.1/);
  });

  it('concurrent writes from a synchronous observer are serialized, not interleaved', async () => {
    const store = await openStore(server.url());
    const run = await store.createRun({ source: 'x.csv', target: 'y', seed: 1, options: {} });
    const writes = Array.from({ length: 20 }, (_, i) => store.recordTrial(run.id, 1, { trial: i + 1, candidate: { estimator: 'e', params: { i } }, status: 'failed', seconds: 0, error: 'x' }, i));
    await Promise.all(writes);
    expect((await store.trials(run.id)).map((t) => t.trial)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await store.getRun(run.id)).spentSeconds).toBe(19);
    await store.close();
  });
});
