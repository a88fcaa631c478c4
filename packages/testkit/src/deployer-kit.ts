import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AutopipeError, type DeployContext, type DeployerDefinition } from '@autopipe/core';

export const DEPLOYER_CHECKS = [
  'deploys a model directory and says where', 'leaves the model directory unchanged', 'the same deployment twice gives the same location',
  'a missing model directory fails with a typed error naming it',
] as const;
export type DeployerCheck = (typeof DEPLOYER_CHECKS)[number];

export interface DeployerKitOptions {
  /** Deploy options for a run, given a fresh temporary directory the deployer may write into. */
  readonly options?: (scratch: string) => Readonly<Record<string, unknown>>;
  readonly expectedFailures?: Partial<Record<DeployerCheck, string>>;
  /** Writes the model directory each case deploys and returns it (default: `writeSampleModelDir`). */
  readonly modelDir?: (dir: string) => string;
  /** Host-provided context fields, e.g. `open` for deployers that translate a model rather than copy it. */
  readonly context?: Omit<Partial<DeployContext>, 'seed' | 'logger'>;
}

/** A small model directory in autopipe's layout (manifest, state, weights), enough for deployers that move or wrap it. */
export function writeSampleModelDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 'autopipe-model', formatVersion: 1, task: 'binary', target: 'y', files: { state: 'state.json', weights: 'weights.bin' } }, null, 2));
  writeFileSync(join(dir, 'state.json'), JSON.stringify({ model: { coef: { $typed: 'Float64Array', offset: 0, length: 2 } } }));
  writeFileSync(join(dir, 'weights.bin'), Buffer.from(new Float64Array([0.5, -1.25]).buffer));
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
}

/** Runs the deployer contract as one vitest case per check, on a sample model directory. */
export function describeDeployer(def: DeployerDefinition, options: DeployerKitOptions = {}): void {
  const root = mkdtempSync(join(tmpdir(), `autopipe-kit-${def.key}-`));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const ctx: DeployContext = { seed: 1, logger: { debug() {}, info() {}, warn() {} }, ...options.context };
  const writeModel = options.modelDir ?? writeSampleModelDir;
  let n = 0;
  const fresh = () => {
    const dir = join(root, `case-${n++}`);
    mkdirSync(dir);
    return { model: writeModel(join(dir, 'model')), opts: options.options?.(join(dir, 'scratch')) ?? {} };
  };
  const check = (name: DeployerCheck, fn: () => Promise<void>): void => {
    const reason = options.expectedFailures?.[name];
    if (reason) it.fails(`${name} (expected failure: ${reason})`, fn);
    else it(name, fn);
  };

  describe(`deployer contract: ${def.key}`, () => {
    it('declares kind and key', () => {
      expect(def.kind).toBe('deployer');
      expect(def.key).toMatch(/^[a-z][a-z0-9_.-]*$/);
    });
    check('deploys a model directory and says where', async () => {
      const { model, opts } = fresh();
      const r = await def.deploy(model, opts, ctx);
      expect(typeof r.location).toBe('string');
      expect(r.location.length).toBeGreaterThan(0);
    });
    check('leaves the model directory unchanged', async () => {
      const { model, opts } = fresh();
      const before = snapshot(model);
      await def.deploy(model, opts, ctx);
      expect(snapshot(model)).toEqual(before);
    });
    check('the same deployment twice gives the same location', async () => {
      const { model, opts } = fresh();
      const a = await def.deploy(model, opts, ctx);
      const b = await def.deploy(model, opts, ctx);
      expect(b.location).toBe(a.location);
    });
    check('a missing model directory fails with a typed error naming it', async () => {
      const { opts } = fresh();
      const missing = join(root, 'no-such-model');
      const err = await def.deploy(missing, opts, ctx).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AutopipeError);
      expect(['MODEL_NOT_FOUND', 'FILE_NOT_FOUND']).toContain((err as AutopipeError).code);
      expect((err as Error).message).toContain('no-such-model');
    });
  });
}
