import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AutopipeError, Frame } from '@autopipe/core';
import { runOnnx } from '@autopipe/onnx';
import { writeSampleModelDir } from '@autopipe/testkit';
import { onnx } from '../src/index.js';
import { openFake } from './fake-model.js';

const logger = { debug() {}, info() {}, warn() {} };
const made: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'autopipe-deployer-onnx-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('deployer onnx', () => {
  it('writes a loadable .onnx file taking the raw columns by name and reports the verification in details', async () => {
    const dir = scratch();
    const model = writeSampleModelDir(join(dir, 'model'));
    const out = join(dir, 'out', 'model.onnx');
    const r = await onnx.deploy(model, { out }, { seed: 1, logger, open: (d) => openFake(d) });
    expect(r.location).toBe(out);
    expect(readdirSync(join(dir, 'out'))).toEqual(['model.onnx']); // no temp file left behind
    const details = r.details as { verified: { rows: number; maxAbsDiff: number; labelMismatches: number }; inputs: { name: string }[]; outputs: string[] };
    expect(details.verified.rows).toBeGreaterThan(0);
    expect(details.verified.maxAbsDiff).toBeLessThanOrEqual(1e-12);
    expect(details.verified.labelMismatches).toBe(0);
    expect(details.inputs.map((i) => i.name)).toEqual(['a', 'b']);
    expect(details.outputs).toEqual(['label', 'probabilities']);
    const res = await runOnnx(new Uint8Array(readFileSync(out)), { a: { data: Float64Array.from([2, NaN]), dims: [2, 1] }, b: { data: Float64Array.from([0, 1]), dims: [2, 1] } });
    const want = openFake(model).predict(Frame.fromColumns([
      { schema: { name: 'a', type: 'numeric' }, data: Float64Array.from([2, NaN]) }, { schema: { name: 'b', type: 'boolean' }, data: Float64Array.from([0, 1]) },
    ]));
    expect(Array.from(res.probabilities.data as Float64Array)).toEqual(Array.from(want.kind === 'classification' ? want.proba : []));
    expect(res.label.data).toEqual(['yes', 'no']);
  });

  it('refuses a model with a piece ONNX cannot express, naming it, and writes no file', async () => {
    const dir = scratch();
    const model = writeSampleModelDir(join(dir, 'model'));
    const out = join(dir, 'model.onnx');
    const err = await onnx.deploy(model, { out }, { seed: 1, logger, open: (d) => openFake(d, { exportable: false }) }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AutopipeError);
    expect((err as AutopipeError).code).toBe('EXPORT_UNSUPPORTED');
    expect((err as Error).message).toContain('estimator "opaque"');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['model']);
  });

  it('says what is missing: the "out" option, or a host that can open model directories', async () => {
    const model = writeSampleModelDir(join(scratch(), 'model'));
    await expect(onnx.deploy(model, {}, { seed: 1, logger, open: (d) => openFake(d) })).rejects.toThrow(/needs the option "out"/);
    const err = await onnx.deploy(model, { out: join(scratch(), 'm.onnx') }, { seed: 1, logger }).then(() => null, (e: unknown) => e);
    expect((err as AutopipeError).code).toBe('INTERNAL');
    expect((err as Error).message).toMatch(/DeployContext\.open/);
  });
});
