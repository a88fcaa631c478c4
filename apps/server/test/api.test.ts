import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/index.js';
import { ROWS, expected, framesOf, runtime, tempDir, trainModel } from './fixtures.js';

const rt = runtime();
const dir = tempDir('api');
let app: FastifyInstance;
let churnDir: string;

beforeAll(async () => {
  churnDir = await trainModel(rt.container, join(dir, 'churn'), 'gbm', { n_estimators: 20, max_leaves: 8 });
  const tenureDir = await trainModel(rt.container, join(dir, 'tenure'), 'ridge', {}, 'tenure');
  app = await createServer({ models: [{ dir: churnDir }, { dir: tenureDir, name: 'tenure-model' }], loader: rt.loader, maxBatchRows: 50, maxBodyBytes: 16 * 1024, reloadIntervalMs: 0 });
});
afterAll(async () => {
  await app?.close();
});

const post = (body: unknown, model = 'churn', contentType = 'application/json') =>
  app.inject({ method: 'POST', url: `/v1/models/${model}/predict`, headers: { 'content-type': contentType }, payload: typeof body === 'string' ? body : JSON.stringify(body) });

function expectError(res: { statusCode: number; json(): unknown }, status: number, code: string, message: RegExp): void {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
}

describe('predict', () => {
  it('scores a JSON batch exactly like the runtime does, with class probabilities and the model version', async () => {
    const res = await post({ rows: ROWS });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const loaded = rt.models.load(churnDir);
    const want = expected(rt.models.predict(loaded, framesOf(ROWS)));
    expect(body.model).toEqual({ name: 'churn', version: 1 });
    expect(body.classes).toEqual(['no', 'yes']);
    expect(body.predictions).toEqual(want.predictions);
    expect(body.probabilities).toEqual(want.probabilities);
    expect(new Set(body.predictions).size).toBe(2);
  });

  it('takes one row as {"row": {...}}, ignoring extra columns such as the target', async () => {
    const res = await post({ row: { ...ROWS[1], churn: 'no', note: 'extra' } });
    expect(res.statusCode).toBe(200);
    const batch = (await post({ rows: ROWS })).json();
    expect(res.json().predictions).toEqual([batch.predictions[1]]);
    expect(res.json().probabilities).toEqual([batch.probabilities[1]]);
  });

  it('takes a CSV body (empty cells are missing values)', async () => {
    const csv = 'tenure,spend,senior,plan\n2,30,true,basic\n50,95.5,false,pro\n12,,false,plus\n33,60,true,\n';
    const res = await post(csv, 'churn', 'text/csv');
    expect(res.statusCode).toBe(200);
    const batch = (await post({ rows: ROWS })).json();
    expect(res.json().predictions).toEqual(batch.predictions);
    expect(res.json().probabilities).toEqual(batch.probabilities);
  });

  it('a regressor answers numeric predictions and no probabilities', async () => {
    const rows = ROWS.map(({ tenure: _t, ...r }) => ({ ...r, churn: 'yes' }));
    const res = await post({ rows }, 'tenure-model');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.model).toEqual({ name: 'tenure-model', version: 1 });
    expect(body.probabilities).toBeUndefined();
    const m = rt.models.load(join(dir, 'tenure'));
    const frame = framesOf(ROWS.map((r) => ({ ...r, tenure: 0 }))).drop(['tenure']).with([{ schema: { name: 'churn', type: 'categorical' }, data: rows.map(() => 'yes') }]);
    expect(body.predictions).toEqual(expected(rt.models.predict(m, frame)).predictions);
  });
});

describe('reliability: every bad request is a 4xx with a JSON error naming the problem', () => {
  it('malformed JSON', async () => {
    expectError(await post('{"rows": [ {"tenure": 1,'), 400, 'INVALID_JSON', /not valid JSON/);
    expectError(await post(''), 400, 'INVALID_JSON', /empty/);
    // Prototype poisoning is refused by the JSON parser, not passed on as a row.
    expectError(await post('{"row":{"__proto__":{"polluted":1},"tenure":1}}'), 400, 'INVALID_JSON', /__proto__/);
    expectError(await post('{"row":{"constructor":{"prototype":{"polluted":1}}}}'), 400, 'INVALID_JSON', /not valid JSON/);
  });

  it('wrong types: a string in a numeric column, an object cell, a non-array rows', async () => {
    expectError(await post({ rows: [ROWS[0], { ...ROWS[1], tenure: 'ten' }] }), 400, 'SCHEMA_MISMATCH', /Column "tenure" is numeric, but row 2 holds "ten"/);
    expectError(await post({ rows: [{ ...ROWS[0], senior: 'maybe' }] }), 400, 'SCHEMA_MISMATCH', /Column "senior" is boolean/);
    expectError(await post({ rows: [{ ...ROWS[0], plan: { a: 1 } }] }), 400, 'INVALID_REQUEST', /body\/rows\/0\/plan must be number,string,boolean,null/);
    expectError(await post({ rows: 'all of them' }), 400, 'INVALID_REQUEST', /body\/rows must be array/);
    expectError(await post([1, 2]), 400, 'INVALID_REQUEST', /body must be object/);
  });

  it('missing columns, and bodies with neither or both of row/rows', async () => {
    const { spend: _s, plan: _p, ...partial } = ROWS[0];
    expectError(await post({ row: { ...partial, spend: 1 } }), 400, 'MISSING_COLUMNS', /the row has no "plan"/);
    expectError(await post({ row: partial }), 400, 'MISSING_COLUMNS', /the row has no "spend", "plan"/);
    expectError(await post({ rows: [ROWS[0], partial] }), 400, 'MISSING_COLUMNS', /row 2 has no "spend", "plan"/);
    expectError(await post({}), 400, 'INVALID_REQUEST', /fewer than 1 properties/);
    expectError(await post({ row: ROWS[0], rows: ROWS }), 400, 'INVALID_REQUEST', /more than 1 properties/);
    expectError(await post({ rows: [] }), 400, 'INVALID_REQUEST', /fewer than 1 items/);
    expectError(await post({ data: ROWS }), 400, 'INVALID_REQUEST', /additional properties/);
  });

  it('oversized bodies (413) and batches over the row limit (413)', async () => {
    const big = { rows: Array.from({ length: 400 }, () => ({ ...ROWS[0], note: 'x'.repeat(40) })) };
    expectError(await post(big), 413, 'BODY_TOO_LARGE', /larger than this server accepts/);
    expectError(await post(`tenure,spend,senior,plan\n${'1,2,true,basic\n'.repeat(2000)}`, 'churn', 'text/csv'), 413, 'BODY_TOO_LARGE', /larger/);
    expectError(await post({ rows: Array.from({ length: 51 }, () => ROWS[0]) }), 413, 'BATCH_TOO_LARGE', /51 rows; this server scores at most 50/);
  });

  it('unknown model names and routes (404), unsupported media types (415), bad CSV (400)', async () => {
    expectError(await post({ rows: ROWS }, 'nope'), 404, 'MODEL_NOT_FOUND', /No model named "nope"/);
    expectError(await post({ rows: ROWS }, '..%2F..%2Fetc'), 404, 'MODEL_NOT_FOUND', /No model named "..\/..\/etc"/);
    expectError(await app.inject({ method: 'GET', url: '/v1/models/nope' }), 404, 'MODEL_NOT_FOUND', /nope/);
    expectError(await app.inject({ method: 'GET', url: '/v2/things' }), 404, 'NOT_FOUND', /No route GET \/v2\/things/);
    expectError(await post('tenure=1', 'churn', 'application/x-www-form-urlencoded'), 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/json or text\/csv/);
    expectError(await post('tenure,spend\n1,2,3\n', 'churn', 'text/csv'), 400, 'INVALID_CSV', /CSV body cannot be parsed/);
    expectError(await post('tenure,spend,senior,plan\n', 'churn', 'text/csv'), 400, 'INVALID_REQUEST', /fewer than 1 items/);
  });

  it('after all of that the server still answers, and no response was a 500', async () => {
    expect((await post({ rows: ROWS })).statusCode).toBe(200);
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).not.toMatch(/status="5\d\d"/);
    expect(metrics).toMatch(/autopipe_http_requests_total\{route="\/v1\/models\/:name\/predict",method="POST",status="400"\} \d+/);
  });
});

describe('models, probes, metrics and docs', () => {
  it('GET /v1/models lists served models with version, task and features', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/models' });
    expect(res.statusCode).toBe(200);
    const models = res.json().models;
    expect(models.map((m: { name: string }) => m.name)).toEqual(['churn', 'tenure-model']);
    expect(models[0]).toMatchObject({ version: 1, task: 'binary', target: 'churn', classes: ['no', 'yes'] });
    expect(models[0].features).toEqual([{ name: 'tenure', type: 'numeric' }, { name: 'spend', type: 'numeric' }, { name: 'senior', type: 'boolean' }, { name: 'plan', type: 'categorical' }]);
  });

  it('healthz and readyz', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready', models: [{ name: 'churn', version: 1 }, { name: 'tenure-model', version: 1 }] });
  });

  it('metrics: request counts, latency histograms, prediction distribution, model version', async () => {
    await post({ rows: ROWS });
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toMatch(/autopipe_http_request_duration_seconds_bucket\{le="0.001",route="\/v1\/models\/:name\/predict"\} \d+/);
    expect(text).toMatch(/autopipe_predict_duration_seconds_count\{model="churn"\} [1-9]/);
    expect(text).toMatch(/autopipe_predictions_total\{model="churn",class="yes"\} [1-9]/);
    expect(text).toMatch(/autopipe_predictions_total\{model="churn",class="no"\} [1-9]/);
    expect(text).toMatch(/autopipe_prediction_value_count\{model="tenure-model"\} [1-9]/);
    expect(text).toMatch(/autopipe_model_info\{model="churn",version="1",stage="",task="binary"\} 1/);
    expect(text).toMatch(/process_cpu_user_seconds_total/);
  });

  it('OpenAPI document at /openapi.json and interactive docs at /docs', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/models/{name}/predict', '/v1/models', '/healthz', '/readyz', '/metrics']));
    const predict = doc.paths['/v1/models/{name}/predict'].post;
    expect(Object.keys(predict.requestBody.content)).toEqual(expect.arrayContaining(['application/json', 'text/csv']));
    expect(Object.keys(predict.responses)).toEqual(expect.arrayContaining(['200', '4XX']));
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });
});
