import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AutopipeError, type DeployContext } from '@autopipe/core';
import { openRegistry } from '@autopipe/registry';
import { registry } from '../src/index.js';
import { writeVerifiedModelDir } from './sample-model.js';

const root = mkdtempSync(join(tmpdir(), 'autopipe-deploy-registry-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const ctx: DeployContext = { seed: 1, logger: { debug() {}, info() {}, warn() {} } };
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as AutopipeError);
const files = (d: string) => Object.fromEntries(readdirSync(d).sort().map((f) => [f, readFileSync(join(d, f)).toString('hex')]));

describe('registry deployer', () => {
  const reg = join(root, 'reg');
  const v1 = writeVerifiedModelDir(join(root, 'v1'));
  const v2 = writeVerifiedModelDir(join(root, 'v2'), [2, 3]);

  it('pushes name@1, returns the same version for the same model, name@2 for another, and the registry holds copies', async () => {
    const a = await registry.deploy(v1, { name: 'churn', registry: reg, description: 'first' }, ctx);
    expect(a.location).toBe('churn@1');
    expect(a.details).toMatchObject({ name: 'churn', version: 1, created: true, backend: 'sqlite' });
    const again = await registry.deploy(v1, { name: 'churn', registry: reg }, ctx);
    expect(again.location).toBe('churn@1');
    expect(again.details?.created).toBe(false);
    expect((await registry.deploy(v2, { name: 'churn', registry: reg }, ctx)).location).toBe('churn@2');

    const r = await openRegistry(reg);
    try {
      const d = await r.show('churn');
      expect(d.versions.map((v) => [v.version, v.stage, v.description ?? ''])).toEqual([[1, 'none', 'first'], [2, 'none', '']]);
      expect(files((await r.resolve('churn@1')).dir)).toEqual(files(v1));
      expect(files((await r.resolve('churn@2')).dir)).toEqual(files(v2));
    } finally {
      await r.close();
    }
  });

  it('stage promotes the deployed version (archiving the previous production one)', async () => {
    const reg2 = join(root, 'reg2');
    await registry.deploy(v1, { name: 'churn', registry: reg2, stage: 'production' }, ctx);
    const b = await registry.deploy(v2, { name: 'churn', registry: reg2, stage: 'production' }, ctx);
    expect(b.details).toMatchObject({ version: 2, stage: 'production', archived: [1] });
    const r = await openRegistry(reg2);
    try {
      expect((await r.resolve('churn@production')).version).toBe(2);
    } finally {
      await r.close();
    }
  });

  it('refuses bad names, a missing name, a bad stage and a tampered model, registering nothing', async () => {
    const reg3 = join(root, 'reg3');
    const e1 = await failure(registry.deploy(v1, { name: '../../etc', registry: reg3 }, ctx));
    expect(e1.code).toBe('INVALID_ARGUMENT');
    expect(e1.message).toMatch(/Model name "..\/..\/etc" is not allowed/);
    expect((await failure(registry.deploy(v1, { registry: reg3 }, ctx))).message).toMatch(/needs the option "name"/);
    expect((await failure(registry.deploy(v1, { name: 'x', registry: reg3, stage: 'gold' }, ctx))).message).toMatch(/Stage "gold" is not one of/);
    const bad = writeVerifiedModelDir(join(root, 'bad'));
    writeFileSync(join(bad, 'weights.bin'), Buffer.from([1]));
    const e2 = await failure(registry.deploy(bad, { name: 'x', registry: reg3 }, ctx));
    expect(e2.code).toBe('MODEL_INCOMPATIBLE');
    expect(e2.message).toMatch(/do not match their checksum/);
    const refuse: DeployContext = { ...ctx, open: () => { throw new AutopipeError('UNKNOWN_PLUGIN', 'needs estimator "x"'); } };
    expect((await failure(registry.deploy(v1, { name: 'x', registry: reg3 }, refuse))).code).toBe('UNKNOWN_PLUGIN');
    const r = await openRegistry(reg3);
    try {
      expect(await r.list()).toEqual([]);
    } finally {
      await r.close();
    }
  });
});
