import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegistry, type ModelRegistry } from '@autopipe/registry';
import { createServer } from '../src/index.js';
import { ROWS, expected, framesOf, runtime, tempDir, trainModel } from './fixtures.js';

const rt = runtime();
const work = tempDir('reload');
let registry: ModelRegistry;
/** Expected response body per registry version, computed by the runtime directly (not through the server). */
const want = new Map<number, ReturnType<typeof expected>>();

beforeAll(async () => {
  registry = await openRegistry(join(work, 'registry'));
  const v1 = await trainModel(rt.container, join(work, 'v1'), 'logistic');
  const v2 = await trainModel(rt.container, join(work, 'v2'), 'gbm', { n_estimators: 30, max_leaves: 8 });
  for (const dir of [v1, v2]) {
    const { version } = await registry.push(dir, 'churn');
    want.set(version, expected(rt.models.predict(rt.models.load(dir), framesOf(ROWS))));
  }
  // The two versions must disagree, or the test could not tell which one answered.
  expect(want.get(1)!.probabilities).not.toEqual(want.get(2)!.probabilities);
  await registry.promote('churn', 1, 'production');
});
afterAll(async () => {
  await registry?.close();
});

async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

describe('hot reload under load', () => {
  it('a promotion mid-run: no request fails, each response is entirely from the version it names', async () => {
    const app = await createServer({ models: [{ ref: 'churn@production' }], loader: rt.loader, registry, reloadIntervalMs: 50 });
    const url = await listen(app);
    const seen: { version: number; ok: boolean }[] = [];
    const failures: string[] = [];
    const total = 1500;
    let sent = 0;
    let promoted = false;
    const body = JSON.stringify({ rows: ROWS });
    const worker = async () => {
      while (sent < total) {
        sent++;
        if (!promoted && sent >= total / 3) {
          promoted = true;
          void registry.promote('churn', 2, 'production');
        }
        try {
          const res = await fetch(`${url}/v1/models/churn/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          const json = (await res.json()) as { model: { version: number }; predictions: unknown; probabilities: unknown };
          if (res.status !== 200) {
            failures.push(`${res.status} ${JSON.stringify(json)}`);
            continue;
          }
          const w = want.get(json.model.version);
          seen.push({ version: json.model.version, ok: !!w && JSON.stringify(json.predictions) === JSON.stringify(w.predictions) && JSON.stringify(json.probabilities) === JSON.stringify(w.probabilities) });
        } catch (e) {
          failures.push(String(e));
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: 16 }, worker));
      expect(failures).toEqual([]);
      expect(seen).toHaveLength(total);
      expect(seen.filter((s) => !s.ok)).toEqual([]);
      const versions = seen.map((s) => s.version);
      expect(versions.filter((v) => v === 1).length).toBeGreaterThan(0);
      expect(versions.filter((v) => v === 2).length).toBeGreaterThan(0);
      // Once version 2 answered, version 1 never answers again (no flapping back).
      expect(versions.slice(versions.indexOf(2)).every((v) => v === 2)).toBe(true);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toMatch(/autopipe_model_info\{model="churn",version="2",stage="production",task="binary"\} 1/);
      expect(metrics).not.toMatch(/autopipe_model_info\{model="churn",version="1"/);
      expect(metrics).toMatch(/autopipe_model_reloads_total\{model="churn"\} 1/);
    } finally {
      await app.close();
    }
  });

  it('a request in flight during the swap finishes on the model it started with', async () => {
    await registry.promote('churn', 1, 'production');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => { release = r; });
    // Version 1's scorer waits on the gate, so its request is still running when version 2 takes over.
    const loader = async (dir: string) => {
      const s = await rt.loader(dir);
      return dir.endsWith(join('churn', '1')) ? { ...s, predict: async (f: Parameters<typeof s.predict>[0]) => { await gate; return s.predict(f); } } : s;
    };
    const app = await createServer({ models: [{ ref: 'churn' }], loader, registry, reloadIntervalMs: 30 });
    try {
      const slow = app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows: ROWS } });
      await registry.promote('churn', 2, 'production');
      while (app.autopipe.pool.get('churn')!.version !== 2) await new Promise((r) => setTimeout(r, 10));
      const fast = (await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows: ROWS } })).json();
      expect(fast.model.version).toBe(2);
      expect(fast.probabilities).toEqual(want.get(2)!.probabilities);
      release();
      const old = (await slow).json();
      expect(old.model).toEqual({ name: 'churn', version: 1, stage: 'production' });
      expect(old.probabilities).toEqual(want.get(1)!.probabilities);
    } finally {
      await app.close();
    }
  });

  it('a served model directory replaced on disk is reloaded as the next version', async () => {
    const dir = join(work, 'live');
    await trainModel(rt.container, dir, 'logistic');
    const app = await createServer({ models: [{ dir }], loader: rt.loader, reloadIntervalMs: 30 });
    try {
      const before = (await app.inject({ method: 'POST', url: '/v1/models/live/predict', payload: { rows: ROWS } })).json();
      expect(before.model).toEqual({ name: 'live', version: 1 });
      expect(before.probabilities).toEqual(want.get(1)!.probabilities);
      await trainModel(rt.container, dir, 'gbm', { n_estimators: 30, max_leaves: 8 });
      while (app.autopipe.pool.get('live')!.version !== 2) await new Promise((r) => setTimeout(r, 10));
      const after = (await app.inject({ method: 'POST', url: '/v1/models/live/predict', payload: { rows: ROWS } })).json();
      expect(after.model).toEqual({ name: 'live', version: 2 });
      expect(after.probabilities).toEqual(want.get(2)!.probabilities);
    } finally {
      await app.close();
    }
  });

  it('a reload that fails (broken new version) keeps the old model serving', async () => {
    await registry.promote('churn', 1, 'production');
    const warnings: string[] = [];
    const loader = (dir: string) => {
      if (dir.endsWith(join('churn', '2'))) throw new Error('plugin missing');
      return rt.loader(dir);
    };
    const app = await createServer({ models: [{ ref: 'churn@production' }], loader, registry, reloadIntervalMs: 20, logger: { debug() {}, info() {}, warn: (m) => warnings.push(m) } });
    try {
      await registry.promote('churn', 2, 'production');
      while (!warnings.length) await new Promise((r) => setTimeout(r, 10));
      expect(warnings[0]).toMatch(/reload of model "churn" failed; still serving version 1: plugin missing/);
      await new Promise((r) => setTimeout(r, 100));
      // A persisting failure is logged once, not on every poll.
      expect(warnings).toHaveLength(1);
      const res = (await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows: ROWS } })).json();
      expect(res.model.version).toBe(1);
    } finally {
      await app.close();
    }
  });
});
