import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { Registry, Trainer, applySteps, createRuntime, fitPipeline, planPreprocessing, readSource } from '@autopipe/runtime';
import { BUNDLED_PLUGINS } from '../src/plugins.js';
import { titanic } from './cli.js';

/**
 * `applySteps` transforms large inputs in chunks of rows to bound memory. Every bundled transformer the plans use on
 * titanic (imputation with indicators, one-hot, ordinal and target encoding, TF-IDF, scaling, variance selection)
 * must give the same matrix chunk by chunk as in one pass — including chunks that split rare categories apart.
 */
describe('chunked transform', () => {
  it('equals the one-pass transform for every estimator family\'s plan', async () => {
    const c = createRuntime({ plugins: BUNDLED_PLUGINS });
    const registry = c.resolve(Registry);
    const ctx = { seed: 1, logger: { debug() {}, info() {}, warn() {} } };
    const frame = await readSource(registry, titanic, {}, ctx);
    const trained = await c.resolve(Trainer).train({ frame, target: 'Survived', timeBudget: 60, seed: 2, maxTrials: 1, estimators: ['logistic'], ensemble: false });
    const data = trained.data;
    const available = new Set(registry.all<{ key: string }>('transformer').map((t) => t.key));
    let plans = 0;
    for (const key of ['logistic', 'gbm', 'knn', 'multinomial_nb']) {
      const spec = { steps: planPreprocessing(data.features, registry.estimator(key), available, data.frame.nrow), estimator: { key, params: {} } };
      const fitted = await fitPipeline(registry, spec, data.frame, data.y, ctx).catch(() => null);
      if (!fitted) continue;
      plans++;
      const whole = applySteps(fitted, data.frame, Infinity);
      for (const chunk of [1, 7, 100]) {
        const parts = applySteps(fitted, data.frame, chunk);
        expect(parts.names).toEqual(whole.names);
        expect(parts.data).toEqual(whole.data);
      }
    }
    expect(plans).toBeGreaterThanOrEqual(3);
  });
});
