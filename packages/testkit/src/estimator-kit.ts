import { describe, expect, it } from 'vitest';
import {
  AutopipeError, Rng, decodeState, encodeState, fitEstimator, sampleParams, takePrediction, takeRows,
  type EstimatorDefinition, type Params, type Task,
} from '@autopipe/core';
import { predictionNumbers } from './compare.js';
import { makeClassification, makeRegression, withMissing, type Problem } from './data.js';

/** Names of the estimator checks, so a plugin can declare expected failures by name. */
export const ESTIMATOR_CHECKS = [
  'params unchanged by fit', 'input unchanged by fit', 'one prediction per row', 'probabilities sum to 1 and labels come from the training classes',
  'same seed gives same predictions', 'predict on a subset equals that subset of predict', 'serialize/restore gives identical predictions',
  'missing values fail with UNSUPPORTED_INPUT unless declared', 'declared missing-value support works', 'learns better than a trivial baseline',
  'sampled hyperparameters fit', 'unknown hyperparameters are rejected', 'importances have one entry per column',
] as const;
export type EstimatorCheck = (typeof ESTIMATOR_CHECKS)[number];

export interface EstimatorKitOptions {
  /** Params used by the checks (default: the estimator's defaults), and the base the sampled ones vary. Keep them cheap. */
  readonly params?: Params;
  /** Checks the plugin knows it fails, with the reason; each runs as `it.fails`, so a fix is noticed. */
  readonly expectedFailures?: Partial<Record<EstimatorCheck, string>>;
  /** Rows of the synthetic data (default 300). */
  readonly rows?: number;
  /**
   * Data for a task, for estimators whose input domain the default blobs do not fit (e.g. non-negative counts).
   * Must stay learnable: the kit still checks the estimator beats a trivial baseline on it.
   */
  readonly problem?: (task: Task, rows: number) => Problem;
}

function problemFor(task: Task, rows: number): Problem {
  if (task === 'regression') return makeRegression(rows, 4, 11);
  return makeClassification(rows, 4, task === 'binary' ? 2 : 3, 7);
}

/** Baseline quality: accuracy for classifiers, R² for regressors. */
function quality(p: Problem, pred: ReturnType<import('@autopipe/core').FittedModel['predict']>): number {
  if (p.y.kind === 'classification' && pred.kind === 'classification') {
    let ok = 0;
    for (let i = 0; i < pred.labels.length; i++) if (pred.labels[i] === p.y.codes[i]) ok++;
    return ok / pred.labels.length;
  }
  if (p.y.kind === 'regression' && pred.kind === 'regression') {
    const y = p.y.values;
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    let sse = 0;
    let sst = 0;
    for (let i = 0; i < y.length; i++) {
      sse += (y[i] - pred.values[i]) ** 2;
      sst += (y[i] - mean) ** 2;
    }
    return 1 - sse / sst;
  }
  throw new Error('prediction kind does not match the task');
}

/**
 * Runs the estimator contract as one vitest case per check, for every task the estimator supports.
 * Call it once from a plugin's contract test file: `describeEstimator(plugin.provides[0])`.
 */
export function describeEstimator(def: EstimatorDefinition, options: EstimatorKitOptions = {}): void {
  const rows = options.rows ?? 300;
  const params = options.params ?? def.defaults;
  const ctx = { seed: 42, logger: { debug() {}, info() {}, warn() {} } };
  const check = (task: Task, name: EstimatorCheck, fn: () => Promise<void>): void => {
    const reason = options.expectedFailures?.[name];
    if (reason) it.fails(`${name} [${task}] (expected failure: ${reason})`, fn);
    else it(`${name} [${task}]`, fn);
  };

  describe(`estimator contract: ${def.key}`, () => {
    it('declares key, tasks, defaults and a space whose names are hyperparameters', () => {
      expect(def.kind).toBe('estimator');
      expect(def.key).toMatch(/^[a-z][a-z0-9_.-]*$/);
      expect(def.tasks.length).toBeGreaterThan(0);
      for (const k of Object.keys(def.space)) expect(Object.keys(def.defaults)).toContain(k);
    });

    for (const task of def.tasks) {
      const p = options.problem?.(task, rows) ?? problemFor(task, rows);

      check(task, 'params unchanged by fit', async () => {
        const given = JSON.parse(JSON.stringify(params));
        const defaults = JSON.stringify(def.defaults);
        await fitEstimator(def, p.x, p.y, given, ctx);
        expect(given).toEqual(JSON.parse(JSON.stringify(params)));
        expect(JSON.stringify(def.defaults)).toBe(defaults);
      });

      check(task, 'input unchanged by fit', async () => {
        const x = p.x.data.slice();
        const y = p.y.kind === 'classification' ? p.y.codes.slice() : p.y.values.slice();
        const m = await fitEstimator(def, p.x, p.y, params, ctx);
        m.predict(p.x);
        expect(p.x.data).toEqual(x);
        expect(p.y.kind === 'classification' ? p.y.codes : p.y.values).toEqual(y);
      });

      check(task, 'one prediction per row', async () => {
        const m = await fitEstimator(def, p.x, p.y, params, ctx);
        const pred = m.predict(takeRows(p.x, [0, 1, 2, 3, 4, 5, 6]));
        expect(pred.kind === 'classification' ? pred.labels.length : pred.values.length).toBe(7);
        expect(pred.kind).toBe(p.y.kind);
      });

      if (task !== 'regression') {
        check(task, 'probabilities sum to 1 and labels come from the training classes', async () => {
          const m = await fitEstimator(def, p.x, p.y, params, ctx);
          const pred = m.predict(p.x);
          if (pred.kind !== 'classification' || p.y.kind !== 'classification') throw new Error('expected a class prediction');
          expect(pred.classes).toEqual(p.y.classes);
          const k = pred.classes.length;
          for (let i = 0; i < pred.labels.length; i++) {
            let s = 0;
            for (let c = 0; c < k; c++) {
              const v = pred.proba[i * k + c];
              expect(v).toBeGreaterThanOrEqual(0);
              s += v;
            }
            expect(Math.abs(s - 1)).toBeLessThan(1e-9);
            expect(pred.labels[i]).toBeGreaterThanOrEqual(0);
            expect(pred.labels[i]).toBeLessThan(k);
          }
        });
      }

      check(task, 'same seed gives same predictions', async () => {
        const a = await fitEstimator(def, p.x, p.y, params, ctx);
        const b = await fitEstimator(def, p.x, p.y, params, ctx);
        expect(predictionNumbers(b.predict(p.x))).toEqual(predictionNumbers(a.predict(p.x)));
      });

      check(task, 'predict on a subset equals that subset of predict', async () => {
        const m = await fitEstimator(def, p.x, p.y, params, ctx);
        const subset = [5, 3, 17, 0, 42, 42];
        const whole = takePrediction(m.predict(p.x), subset);
        expect(predictionNumbers(m.predict(takeRows(p.x, subset)))).toEqual(predictionNumbers(whole));
      });

      check(task, 'serialize/restore gives identical predictions', async () => {
        const m = await fitEstimator(def, p.x, p.y, params, ctx);
        const restored = def.restore(decodeState(encodeState(m.state())));
        expect(predictionNumbers(restored.predict(p.x))).toEqual(predictionNumbers(m.predict(p.x)));
      });

      if (def.capabilities.includes('missing-values')) {
        check(task, 'declared missing-value support works', async () => {
          const x = withMissing(p.x, 0.1, 3);
          const m = await fitEstimator(def, x, p.y, params, ctx);
          const pred = predictionNumbers(m.predict(x));
          for (const v of pred) expect(Number.isFinite(v)).toBe(true);
        });
      } else {
        check(task, 'missing values fail with UNSUPPORTED_INPUT unless declared', async () => {
          const x = withMissing(p.x, 0.1, 3);
          const err = await fitEstimator(def, x, p.y, params, ctx).then(() => null, (e: unknown) => e);
          expect(err).toBeInstanceOf(AutopipeError);
          expect((err as AutopipeError).code).toBe('UNSUPPORTED_INPUT');
          const m = await fitEstimator(def, p.x, p.y, params, ctx);
          expect(() => m.predict(x)).toThrow(/missing values/);
        });
      }

      check(task, 'learns better than a trivial baseline', async () => {
        const m = await fitEstimator(def, p.x, p.y, params, ctx);
        const q = quality(p, m.predict(p.x));
        // Blobs are well separated: majority-class accuracy is 1/k; R² of the mean predictor is 0.
        const floor = task === 'regression' ? 0.5 : task === 'binary' ? 0.8 : 0.7;
        expect(q).toBeGreaterThan(floor);
      });

      check(task, 'sampled hyperparameters fit', async () => {
        const rng = new Rng(5);
        for (let t = 0; t < 4; t++) {
          // Sampled over the kit's params, so what the search does not tune (epochs, batch size) stays as cheap as the
          // plugin asked for: from the defaults, an MLP's four sampled fits took 20 s per task.
          const sampled = sampleParams(params, def.space, rng);
          const m = await fitEstimator(def, p.x, p.y, sampled, ctx);
          for (const v of predictionNumbers(m.predict(p.x))) expect(Number.isFinite(v)).toBe(true);
        }
      });

      check(task, 'unknown hyperparameters are rejected', async () => {
        const err = await fitEstimator(def, p.x, p.y, { ...params, no_such_param_xyz: 1 }, ctx).then(() => null, (e: unknown) => e);
        expect((err as AutopipeError).code).toBe('INVALID_PARAMS');
      });

      if (def.capabilities.includes('importances')) {
        check(task, 'importances have one entry per column', async () => {
          const m = await fitEstimator(def, p.x, p.y, params, ctx);
          const imp = m.importances?.();
          expect(imp?.length).toBe(p.x.cols);
          for (const v of imp ?? []) expect(v).toBeGreaterThanOrEqual(0);
        });
      }
    }
  });
}
