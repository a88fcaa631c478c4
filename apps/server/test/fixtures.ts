import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Frame, type Params, type Prediction } from '@autopipe/core';
import { plugin as gbm } from '@autopipe/estimator-gbm';
import { plugin as linear } from '@autopipe/estimator-linear';
import { plugin as csv } from '@autopipe/ingestor-csv';
import { plugin as metrics } from '@autopipe/metrics-standard';
import { ModelService, PluginHost, SingleFit, createRuntime, saveTrainResult } from '@autopipe/runtime';
import { plugin as random } from '@autopipe/searcher-random';
import { plugin as basic } from '@autopipe/transformers-basic';
import { plugin as encoding } from '@autopipe/transformers-encoding';
import type { DependencyContainer } from 'tsyringe';
import { afterAll } from 'vitest';
import { modelServiceLoader, type ModelLoader } from '../src/index.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A scratch directory removed when the test file finishes. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `autopipe-server-${prefix}-`));
  made.push(dir);
  return dir;
}

/** The composition a host does: a runtime with real plugins. The server itself only sees the loader. */
export function runtime(): { container: DependencyContainer; models: ModelService; loader: ModelLoader } {
  const container = createRuntime({ plugins: [csv, basic, encoding, linear, gbm, random, metrics] });
  const models = container.resolve(ModelService);
  return { container, models, loader: modelServiceLoader(models) };
}

/** A small churn-like dataset: two numeric columns (one with gaps), a categorical, a boolean; target yes/no. */
export function churnFrame(n = 240): Frame {
  const tenure = new Float64Array(n);
  const spend = new Float64Array(n);
  const senior = new Float64Array(n);
  const plan: (string | null)[] = [];
  const churn: string[] = [];
  const plans = ['basic', 'plus', 'pro'];
  for (let i = 0; i < n; i++) {
    tenure[i] = (i * 7) % 60;
    spend[i] = i % 11 === 0 ? NaN : 20 + ((i * 13) % 80);
    senior[i] = i % 5 === 0 ? 1 : 0;
    plan.push(i % 17 === 0 ? null : plans[i % 3]);
    const risk = (60 - tenure[i]) / 60 + (plan[i] === 'basic' ? 0.3 : 0) + senior[i] * 0.2 - (Number.isNaN(spend[i]) ? 0 : spend[i] / 400);
    churn.push(risk + ((i * 37) % 10) / 25 > 0.9 ? 'yes' : 'no');
  }
  return Frame.fromColumns([
    { schema: { name: 'tenure', type: 'numeric' }, data: tenure },
    { schema: { name: 'spend', type: 'numeric' }, data: spend },
    { schema: { name: 'senior', type: 'boolean' }, data: senior },
    { schema: { name: 'plan', type: 'categorical' }, data: plan },
    { schema: { name: 'churn', type: 'categorical' }, data: churn },
  ]);
}

/** Trains one estimator on the churn data (real fit, real plugins) and saves a model directory. */
export async function trainModel(container: DependencyContainer, dir: string, estimator: string, params: Params = {}, target = 'churn'): Promise<string> {
  const result = await container.resolve(SingleFit).fit({ frame: churnFrame(), target, estimator, params, seed: 1 });
  saveTrainResult(dir, result, { source: 'churn-fixture', plugins: container.resolve(PluginHost).plugins() });
  return dir;
}

/** Request rows: a few realistic ones, with a missing value of each kind. */
export const ROWS = [
  { tenure: 2, spend: 30, senior: true, plan: 'basic' },
  { tenure: 50, spend: 95.5, senior: false, plan: 'pro' },
  { tenure: 12, spend: null, senior: false, plan: 'plus' },
  { tenure: 33, spend: 60, senior: true, plan: null },
];

/** The frame a client's rows mean, built independently of the server's conversion. */
export function framesOf(rows: readonly Record<string, unknown>[]): Frame {
  const num = (k: string) => Float64Array.from(rows, (r) => (r[k] === null ? NaN : Number(r[k])));
  return Frame.fromColumns([
    { schema: { name: 'tenure', type: 'numeric' }, data: num('tenure') },
    { schema: { name: 'spend', type: 'numeric' }, data: num('spend') },
    { schema: { name: 'senior', type: 'boolean' }, data: num('senior') },
    { schema: { name: 'plan', type: 'categorical' }, data: rows.map((r) => (r.plan === null ? null : String(r.plan))) },
  ]);
}

/** What a predict response for `p` must hold. */
export function expected(p: Prediction): { predictions: unknown[]; probabilities?: number[][] } {
  if (p.kind === 'regression') return { predictions: Array.from(p.values) };
  const k = p.classes.length;
  return {
    predictions: Array.from(p.labels, (l) => p.classes[l]),
    probabilities: Array.from(p.labels, (_l, i) => Array.from(p.proba.subarray(i * k, i * k + k))),
  };
}
