import { describe, expect, it } from 'vitest';
import { createMatrix, fitEstimator, parseParamString, resolveParams, sampleParams, inDomain, Rng, type EstimatorDefinition } from '../src/index.js';
import { readFileSync } from 'node:fs';
import { CORE_VERSION } from '../src/index.js';

const constant: EstimatorDefinition<{ v: number }> = {
  kind: 'estimator', key: 'const', description: 'predicts v', tasks: ['regression'], capabilities: [], defaults: { v: 1 }, space: {},
  fit: (_x, _y, p) => constant.restore({ v: p.v }),
  restore: (s) => ({ estimator: 'const', state: () => s, predict: (x) => ({ kind: 'regression', values: new Float64Array(x.rows).fill((s as { v: number }).v) }) }),
};

describe('fitEstimator validates before the plugin runs', () => {
  const x = createMatrix(2, ['a'], new Float64Array([1, 2]));
  const y = { kind: 'regression' as const, values: new Float64Array([1, 2]) };
  it('rejects unsupported tasks, NaN without the capability, unknown params, mismatched rows', async () => {
    await expect(fitEstimator(constant, x, { kind: 'classification', classes: ['a', 'b'], codes: new Int32Array([0, 1]) }, {}, { seed: 0, logger: console })).rejects.toMatchObject({ code: 'UNSUPPORTED_TASK' });
    await expect(fitEstimator(constant, createMatrix(2, ['a'], new Float64Array([1, NaN])), y, {}, { seed: 0, logger: console })).rejects.toThrow(/column "a" has one \(row 2\)/);
    await expect(fitEstimator(constant, x, y, { w: 1 }, { seed: 0, logger: console })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(fitEstimator(constant, x, { kind: 'regression', values: new Float64Array(3) }, {}, { seed: 0, logger: console })).rejects.toThrow(/2 rows of features but 3 target values/);
    const m = await fitEstimator(constant, x, y, { v: 4 }, { seed: 0, logger: console });
    expect(Array.from((m.predict(x) as { values: Float64Array }).values)).toEqual([4, 4]);
    expect(() => m.predict(createMatrix(1, ['a'], new Float64Array([NaN])))).toThrow(/missing values/);
  });
});

describe('hyperparameters', () => {
  it('resolveParams types values like the defaults; parseParamString reads name=value lists', () => {
    expect(resolveParams('e', { a: 1, b: 'x', c: true }, { a: 2 })).toEqual({ a: 2, b: 'x', c: true });
    expect(() => resolveParams('e', { a: 1 }, { a: 'two' })).toThrow(/"a" must be a number/);
    expect(parseParamString('e', { a: 1, b: 'x', c: true }, 'a=0.5, b=y,c=false')).toEqual({ a: 0.5, b: 'y', c: false });
    expect(() => parseParamString('e', { a: 1 }, 'a')).toThrow(/name=value/);
  });

  it('sampled values stay in their domains, log domains cover decades evenly', () => {
    const space = { lr: { kind: 'float' as const, low: 1e-4, high: 1, log: true }, d: { kind: 'int' as const, low: 1, high: 5 }, k: { kind: 'categorical' as const, choices: ['a', 'b'] } };
    const rng = new Rng(1);
    let below = 0;
    for (let i = 0; i < 2000; i++) {
      const p = sampleParams({ lr: 0.1, d: 3, k: 'a', fixed: 7 }, space, rng);
      for (const k of ['lr', 'd', 'k'] as const) expect(inDomain(space[k], p[k])).toBe(true);
      expect(p.fixed).toBe(7);
      if ((p.lr as number) < 1e-2) below++;
    }
    expect(below / 2000).toBeGreaterThan(0.45);
    expect(below / 2000).toBeLessThan(0.55);
  });

  it('CORE_VERSION matches package.json', () => {
    expect(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version).toBe(CORE_VERSION);
  });
});

describe('capability checks', () => {
  it('infinite values are rejected with a message naming the column and row', async () => {
    const x = createMatrix(2, ['a'], new Float64Array([1, -Infinity]));
    await expect(fitEstimator(constant, x, { kind: 'regression', values: new Float64Array([1, 2]) }, {}, { seed: 0, logger: console }))
      .rejects.toThrow(/does not accept infinite values, but column "a" has -Infinity \(row 2\)/);
  });
});
