import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { PluginHost, Registry, Trainer, createRuntime, readSource, saveTrainResult, predictWith } from '@autopipe/runtime';
import { BUNDLED_PLUGINS } from '../src/plugins.js';
import { cli, tempDir, titanic } from './cli.js';

describe('a saved model predicts in a new process exactly what it predicted right after training', () => {
  it('probabilities from `autopipe predict` equal the in-memory predictions bit for bit', async () => {
    const c = createRuntime({ plugins: BUNDLED_PLUGINS });
    const ctx = { seed: 1, logger: { debug() {}, info() {}, warn() {} } };
    const frame = await readSource(c.resolve(Registry), titanic, {}, ctx);
    for (const estimators of [['logistic'], ['decision_tree'], ['logistic', 'decision_tree']]) {
      const r = await c.resolve(Trainer).train({ frame, target: 'Survived', timeBudget: 60, seed: 5, maxTrials: 6, estimators });
      const estimator = estimators.join('+');
      const inMemory = predictWith(r.final, r.data.frame);
      if (inMemory.kind !== 'classification') throw new Error('expected classification');
      const dir = join(tempDir('fresh'), estimator);
      saveTrainResult(dir, r, { plugins: c.resolve(PluginHost).plugins() });
      const out = join(dir, 'preds.csv');
      const res = cli('predict', dir, titanic, '--proba', '--out', out);
      expect(res.code, res.stderr).toBe(0);
      const rows: Record<string, string>[] = parse(readFileSync(out, 'utf8'), { columns: true });
      expect(rows.map((x) => Number(x.proba_1))).toEqual(Array.from({ length: 891 }, (_, i) => inMemory.proba[i * 2 + 1]));
    }
  });
});
