import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegistry, type ModelRegistry } from '@autopipe/registry';
import { createServer } from '../src/index.js';
import { ROWS, expected, framesOf, runtime, tempDir, trainModel } from './fixtures.js';
import { startServer, type TestServer } from '@autopipe/test-servers';

// A real PostgreSQL: if it cannot start, beforeAll throws with the server log and the test fails (never skips).
let pg: TestServer;
let registry: ModelRegistry;
const rt = runtime();
const work = tempDir('pg');

beforeAll(async () => {
  pg = await startServer();
  registry = await openRegistry(pg.url(), { artifacts: join(work, 'artifacts') });
}, 180_000);
afterAll(async () => {
  await registry?.close();
  await pg?.stop();
});

describe('serving from a PostgreSQL registry', () => {
  it('serves name@production and follows a promotion', async () => {
    const want = new Map<number, unknown>();
    for (const [i, est] of (['logistic', 'gbm'] as const).entries()) {
      const dir = await trainModel(rt.container, join(work, `m${i}`), est, est === 'gbm' ? { n_estimators: 20 } : {});
      const { version } = await registry.push(dir, 'churn');
      want.set(version, expected(rt.models.predict(rt.models.load(dir), framesOf(ROWS))).probabilities);
    }
    await registry.promote('churn', 1, 'production');
    const app = await createServer({ models: [{ ref: 'churn@production' }], loader: rt.loader, registry, reloadIntervalMs: 30 });
    try {
      const first = (await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows: ROWS } })).json();
      expect(first.model).toEqual({ name: 'churn', version: 1, stage: 'production' });
      expect(first.probabilities).toEqual(want.get(1));
      await registry.promote('churn', 2, 'production');
      while (app.autopipe.pool.get('churn')!.version !== 2) await new Promise((r) => setTimeout(r, 10));
      const second = (await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows: ROWS } })).json();
      expect(second.model).toEqual({ name: 'churn', version: 2, stage: 'production' });
      expect(second.probabilities).toEqual(want.get(2));
      expect((await registry.show('churn')).versions.map((v) => v.stage)).toEqual(['archived', 'production']);
    } finally {
      await app.close();
    }
  });
});
