import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AutopipeError, type DeployContext } from '@autopipe/core';
import { directory } from '../src/index.js';
import { writeVerifiedModelDir } from './sample-model.js';

const root = mkdtempSync(join(tmpdir(), 'autopipe-deploy-dir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const ctx: DeployContext = { seed: 1, logger: { debug() {}, info() {}, warn() {} } };
let n = 0;
const fresh = () => {
  const dir = join(root, `case-${n++}`);
  mkdirSync(dir);
  return { dir, model: writeVerifiedModelDir(join(dir, 'model')) };
};
const files = (d: string) => Object.fromEntries(readdirSync(d).sort().map((f) => [f, readFileSync(join(d, f)).toString('hex')]));
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as AutopipeError);

describe('directory deployer', () => {
  it('copies the model byte for byte, returns the absolute location and the checksums, leaves no temp directory', async () => {
    const { dir, model } = fresh();
    const r = await directory.deploy(model, { out: join(dir, 'live') }, ctx);
    expect(r.location).toBe(resolve(dir, 'live'));
    expect(files(r.location)).toEqual(files(model));
    expect(r.details?.weightsSha256).toBe(JSON.parse(readFileSync(join(model, 'manifest.json'), 'utf8')).files.weightsSha256);
    expect(readdirSync(dir).sort()).toEqual(['live', 'model']);
  });

  it('replaces a previous deployment and an empty directory', async () => {
    const { dir, model } = fresh();
    const out = join(dir, 'live');
    await directory.deploy(model, { out }, ctx);
    const other = writeVerifiedModelDir(join(dir, 'other'));
    writeFileSync(join(other, 'extra.txt'), 'v2');
    await directory.deploy(other, { out }, ctx);
    expect(files(out)).toEqual(files(other));
    mkdirSync(join(dir, 'empty'));
    await directory.deploy(model, { out: join(dir, 'empty') }, ctx);
    expect(files(join(dir, 'empty'))).toEqual(files(model));
  });

  it('refuses to overwrite a non-model directory or a file, and leaves them alone', async () => {
    const { dir, model } = fresh();
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'keep.txt'), 'mine');
    const e = await failure(directory.deploy(model, { out: join(dir, 'docs') }, ctx));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toMatch(/docs exists and is not an autopipe model directory; it will not be replaced/);
    expect(readdirSync(join(dir, 'docs'))).toEqual(['keep.txt']);
    writeFileSync(join(dir, 'file'), 'x');
    expect((await failure(directory.deploy(model, { out: join(dir, 'file') }, ctx))).code).toBe('INVALID_ARGUMENT');
    expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('x');
  });

  it('refuses a tampered model, a missing "out", and "out" inside the model', async () => {
    const { dir, model } = fresh();
    writeFileSync(join(model, 'weights.bin'), Buffer.from([1, 2, 3]));
    const e = await failure(directory.deploy(model, { out: join(dir, 'live') }, ctx));
    expect(e.code).toBe('MODEL_INCOMPATIBLE');
    expect(e.message).toMatch(/do not match their checksum/);
    expect(existsSync(join(dir, 'live'))).toBe(false);
    const good = fresh();
    expect((await failure(directory.deploy(good.model, {}, ctx))).message).toMatch(/needs the option "out"/);
    expect((await failure(directory.deploy(good.model, { out: join(good.model, 'sub') }, ctx))).message).toMatch(/is the model directory or inside it/);
    expect((await failure(directory.deploy(good.model, { out: good.model }, ctx))).message).toMatch(/is the model directory or inside it/);
  });

  it('loads the model through the host when it can, and verifies the copy before putting it in place', async () => {
    const { dir, model } = fresh();
    const out = join(dir, 'live');
    await directory.deploy(model, { out }, ctx);
    const before = files(out);
    const opened: string[] = [];
    // The host's open runs between the source check and the copy: changing the weights there makes the copy fail
    // its own checksum check, which must leave the previous deployment in place.
    const tamper: DeployContext = { ...ctx, open: (d) => { opened.push(d); writeFileSync(join(d, 'weights.bin'), Buffer.from([9])); return {} as never; } };
    const e = await failure(directory.deploy(model, { out }, tamper));
    expect(opened).toEqual([model]);
    expect(e.message).toMatch(/the copy at .*live failed verification .*nothing was replaced/);
    expect(files(out)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['live', 'model']);
    const refuse: DeployContext = { ...ctx, open: () => { throw new AutopipeError('UNKNOWN_PLUGIN', 'needs estimator "x"'); } };
    expect((await failure(directory.deploy(writeVerifiedModelDir(join(dir, 'm2')), { out }, refuse))).code).toBe('UNKNOWN_PLUGIN');
  });
});
