import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelRegistry } from '../src/index.js';
import { fakeModel, tempDir } from './fake-model.js';

/**
 * The registry's behaviour, run once per backend: the same assertions against SQLite and PostgreSQL show the
 * one code path really is one.
 */
export function describeRegistry(label: string, open: () => Promise<ModelRegistry>, reopen: () => Promise<ModelRegistry>): void {
  describe(`ModelRegistry on ${label}`, () => {
    let reg: ModelRegistry;
    const src = tempDir('src');
    beforeAll(async () => {
      reg = await open();
    });
    afterAll(async () => {
      await reg?.close();
    });

    it('push numbers versions 1, 2, 3 per name and copies each model directory into the root', async () => {
      expect(await reg.push(fakeModel(src, 'a1'), 'churn', { description: 'first' })).toEqual({ name: 'churn', version: 1 });
      expect(await reg.push(fakeModel(src, 'a2', { score: 0.9 }), 'churn')).toEqual({ name: 'churn', version: 2 });
      expect(await reg.push(fakeModel(src, 'b1', { task: 'regression', score: null }), 'price')).toEqual({ name: 'price', version: 1 });
      expect(await reg.push(fakeModel(src, 'a3', { score: 0.95 }), 'churn')).toEqual({ name: 'churn', version: 3 });
      const copied = join(reg.root, 'models', 'churn', '2');
      expect(readFileSync(join(copied, 'weights.bin'), 'utf8')).toBe('weights of a2');
      // No temp directories are left behind.
      expect(readdirSync(join(reg.root, 'models', 'churn')).sort()).toEqual(['1', '2', '3']);
    });

    it('concurrent pushes of one name get distinct consecutive versions', async () => {
      const dirs = [1, 2, 3, 4].map((i) => fakeModel(src, `c${i}`));
      const got = await Promise.all(dirs.map((d) => reg.push(d, 'burst')));
      expect(got.map((g) => g.version).sort()).toEqual([1, 2, 3, 4]);
    });

    it('list and show report versions with stage, times, task, metric and score from the manifest', async () => {
      const list = await reg.list();
      expect(list.map((m) => [m.name, m.versions, m.latest, m.production])).toEqual([['burst', 4, 4, null], ['churn', 3, 3, null], ['price', 1, 1, null]]);
      const show = await reg.show('churn');
      expect(show.versions.map((v) => [v.version, v.stage, v.task, v.metric, v.score])).toEqual([[1, 'none', 'binary', 'auc', 0.875], [2, 'none', 'binary', 'auc', 0.9], [3, 'none', 'binary', 'auc', 0.95]]);
      expect(show.versions[0].description).toBe('first');
      expect(show.versions[0].trainedAt).toBe('2026-01-02T03:04:05.000Z');
      expect(Date.parse(show.versions[0].createdAt)).toBeGreaterThan(Date.parse('2026-01-01'));
      expect((await reg.show('price')).versions[0]).toMatchObject({ task: 'regression', score: null });
    });

    it('promote keeps at most one production version: the previous one moves to archived, recorded', async () => {
      expect(await reg.promote('churn', 1, 'production')).toEqual({ name: 'churn', version: 1, stage: 'production', previousStage: 'none', archived: [] });
      expect(await reg.promote('churn', 2, 'staging')).toMatchObject({ stage: 'staging', archived: [] });
      expect(await reg.promote('churn', 2, 'production')).toEqual({ name: 'churn', version: 2, stage: 'production', previousStage: 'staging', archived: [1] });
      const show = await reg.show('churn');
      expect(show.versions.map((v) => v.stage)).toEqual(['archived', 'production', 'none']);
      expect(show.history.filter((h) => h.reason !== 'pushed').map((h) => [h.version, h.from, h.to])).toEqual([
        [1, 'none', 'production'], [2, 'none', 'staging'], [1, 'production', 'archived'], [2, 'staging', 'production'],
      ]);
      expect((await reg.list()).find((m) => m.name === 'churn')?.production).toBe(2);
    });

    it('resolve: name@N, name@stage, name@latest, and a bare name (production, else latest)', async () => {
      expect(await reg.resolve('churn@3')).toEqual({ name: 'churn', version: 3, stage: 'none', dir: join(reg.root, 'models', 'churn', '3') });
      expect(await reg.resolve('churn@production')).toMatchObject({ version: 2, stage: 'production' });
      expect(await reg.resolve('churn@archived')).toMatchObject({ version: 1 });
      expect(await reg.resolve('churn@latest')).toMatchObject({ version: 3 });
      expect(await reg.resolve('churn')).toMatchObject({ version: 2 });
      expect(await reg.resolve('price')).toMatchObject({ version: 1, stage: 'none' });
      expect(existsSync(join((await reg.resolve('churn')).dir, 'manifest.json'))).toBe(true);
    });

    it('unknown names, versions and stages are MODEL_NOT_FOUND / INVALID_ARGUMENT with clear messages', async () => {
      await expect(reg.resolve('nope')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND', message: expect.stringContaining('"nope" is not in the registry') });
      await expect(reg.resolve('churn@9')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
      await expect(reg.resolve('price@production')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND', message: expect.stringContaining('price@production') });
      await expect(reg.resolve('churn@gold')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(reg.promote('churn', 9, 'production')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND', message: expect.stringContaining('Version 9 of "churn"') });
      await expect(reg.promote('churn', 1, 'live')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('production, staging, archived') });
      await expect(reg.show('ghost')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    });

    it('names that could escape the root (../../etc, absolute, upper case) are refused before touching disk', async () => {
      const m = fakeModel(src, 'evil');
      for (const bad of ['../../etc', '..', 'a/../../b', '/etc', 'Churn', 'a..b', '', '.hidden', 'x'.repeat(65)]) {
        await expect(reg.push(m, bad), bad).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('is not allowed') });
      }
      await expect(reg.resolve('../../etc@production')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(reg.show('../../etc')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect(readdirSync(join(reg.root, 'models')).sort()).toEqual(['burst', 'churn', 'price']);
    });

    it('push verifies the model directory: missing, not a model, tampered weights', async () => {
      await expect(reg.push(join(src, 'missing'), 'm')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
      await expect(reg.push(tempDir('empty'), 'm')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND', message: expect.stringContaining('no manifest.json') });
      const tampered = fakeModel(src, 'tampered');
      writeFileSync(join(tampered, 'weights.bin'), 'changed');
      await expect(reg.push(tampered, 'm')).rejects.toMatchObject({ code: 'MODEL_INCOMPATIBLE', message: expect.stringContaining('checksum') });
      const escaping = fakeModel(src, 'escaping');
      const man = JSON.parse(readFileSync(join(escaping, 'manifest.json'), 'utf8'));
      writeFileSync(join(escaping, 'manifest.json'), JSON.stringify({ ...man, files: { ...man.files, weights: '../../etc/passwd' } }));
      await expect(reg.push(escaping, 'm')).rejects.toMatchObject({ code: 'MODEL_INCOMPATIBLE', message: expect.stringContaining('inside the model directory') });
      expect((await reg.list()).map((x) => x.name)).not.toContain('m');
    });

    it('state persists across a reopen', async () => {
      const again = await reopen();
      try {
        expect(await again.resolve('churn@production')).toMatchObject({ version: 2 });
        expect((await again.push(fakeModel(src, 'a4'), 'churn')).version).toBe(4);
      } finally {
        await again.close();
      }
    });
  });
}
