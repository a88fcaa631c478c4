import { definePlugin, type EstimatorDefinition, type SearcherDefinition } from '@autopipe/core';
import { describe, expect, it } from 'vitest';
import { Trainer, createRuntime } from '../src/index.js';
import { meanEstimator, testPlugin, toyFrame } from './fakes.js';

/** Fails a trial with bias 0.1 after ~20 ms of work, so its wall time is clearly not its declared cost. */
const flaky: EstimatorDefinition<{ bias: number }> = {
  ...meanEstimator, key: 'flaky', cost: 3,
  fit(x, y, params, ctx) {
    if (params.bias === 0.1) {
      const until = Date.now() + 20;
      while (Date.now() < until);
      throw new Error('flaky fit');
    }
    return meanEstimator.fit(x, y, params, ctx);
  },
};

/** A learner whose cost grows with the square of the rows (as kNN's). */
const quad: EstimatorDefinition<{ bias: number }> = { ...meanEstimator, key: 'quad', cost: 2, costGrowth: 'quadratic' };

/** A learner whose configurations cost (bias + 1) × features times its defaults': costScale sees params and shape. */
const scaled: EstimatorDefinition<{ bias: number }> = { ...meanEstimator, key: 'scaled', cost: 2, costScale: (p, shape) => (p.bias + 1) * shape.features };

/** Asks biases 0, 0.1, 0.2, ... of `flaky` (or of the first estimator) and records the domain and every tell. */
const told: { loss: number | null; seconds: number }[] = [];
const costs = new Map<string, number | undefined>();
const recording: SearcherDefinition = {
  kind: 'searcher', key: 'recording', description: 'records tells',
  create(domain) {
    let i = 0;
    for (const d of domain.estimators) costs.set(d.key, d.cost);
    const e = domain.estimators.find((d) => d.key === 'flaky') ?? domain.estimators[0];
    return { ask: () => ({ estimator: e.key, params: { ...e.defaults, bias: (i++ % 10) / 10 } }), tell: (r) => void told.push({ loss: r.loss, seconds: r.seconds }) };
  },
};

describe('the seconds a searcher is told', () => {
  it('with a trial budget: the declared cost / 100 for every trial, failed ones too, so the asks are reproducible', async () => {
    told.length = 0;
    const plugin = definePlugin({ name: '@test/reported', version: '1.0.0', core: '^0.1.0', provides: [flaky, recording] });
    const r = await createRuntime({ plugins: [testPlugin, plugin] }).resolve(Trainer)
      .train({ frame: toyFrame(), target: 'y', timeBudget: 30, seed: 1, maxTrials: 3, searcher: 'recording', estimators: ['flaky'], ensemble: false });
    expect(r.failures.map((f) => f.trial)).toEqual([2]);
    expect(told.map((t) => t.loss === null)).toEqual([false, true, false]);
    expect(told.map((t) => t.seconds)).toEqual([0.03, 0.03, 0.03]);
  });

  it('scales a quadratic learner\'s declared cost by rows / 2,000, in the domain and in what it is told', async () => {
    told.length = 0;
    const plugin = definePlugin({ name: '@test/reported', version: '1.0.0', core: '^0.1.0', provides: [quad, recording] });
    await createRuntime({ plugins: [testPlugin, plugin] }).resolve(Trainer)
      .train({ frame: toyFrame(8000), target: 'y', timeBudget: 30, seed: 1, maxTrials: 2, searcher: 'recording', estimators: ['quad'], ensemble: false, folds: 2 });
    // Scaled by the rows searched over: 8,000 / 2,000 = 4.
    expect(costs.get('quad')).toBe(8);
    expect(told.map((t) => t.seconds)).toEqual([0.08, 0.08]);
  });

  it('scales the declared cost by the configuration\'s costScale (from its params and the data\'s shape)', async () => {
    told.length = 0;
    const plugin = definePlugin({ name: '@test/reported', version: '1.0.0', core: '^0.1.0', provides: [scaled, recording] });
    await createRuntime({ plugins: [testPlugin, plugin] }).resolve(Trainer)
      .train({ frame: toyFrame(), target: 'y', timeBudget: 30, seed: 1, maxTrials: 3, searcher: 'recording', estimators: ['scaled'], ensemble: false });
    // Biases 0, 0.1, 0.2 on 3 features (x, c, label; the id column is not one): 2 × (bias + 1) × 3 / 100.
    expect(told.map((t) => Number(t.seconds.toFixed(6)))).toEqual([0.06, 0.066, 0.072]);
  });
});
