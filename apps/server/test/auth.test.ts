import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/index.js';
import { ROWS, runtime, tempDir, trainModel } from './fixtures.js';

const rt = runtime();
let app: FastifyInstance;
const TOKEN = 's3cret-token';

beforeAll(async () => {
  const dir = await trainModel(rt.container, join(tempDir('auth'), 'churn'), 'logistic');
  app = await createServer({ models: [{ dir }], loader: rt.loader, token: TOKEN, reloadIntervalMs: 0 });
});
afterAll(async () => {
  await app?.close();
});

const predict = (authorization?: string) => app.inject({
  method: 'POST', url: '/v1/models/churn/predict', payload: { rows: ROWS }, headers: authorization === undefined ? {} : { authorization },
});

describe('bearer-token authentication', () => {
  it('refuses requests without a token or with a wrong one (401, JSON error)', async () => {
    for (const [auth, msg] of [[undefined, /requires a bearer token/], ['Bearer wrong', /not valid/], [`Basic ${TOKEN}`, /not valid/], [`Bearer ${TOKEN}x`, /not valid/]] as const) {
      const res = await predict(auth);
      expect(res.statusCode, String(auth)).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(msg) });
    }
    for (const url of ['/v1/models', '/metrics', '/openapi.json']) expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
  });

  it('accepts the right token, and leaves the probes open', async () => {
    const res = await predict(`Bearer ${TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().predictions).toHaveLength(ROWS.length);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('an unknown model is 401 before it is 404: names are not revealed without a token', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/models/other/predict', payload: { rows: ROWS } });
    expect(res.statusCode).toBe(401);
  });
});
