import { describe, expect, it } from 'vitest';
import { AutopipeError, defaultContext, fitEstimator, type Params, type StateValue, type Task } from '@autopipe/core';
import { estimatorParity, exportEstimator } from '@autopipe/onnx';
import { gbm } from '../src/gbm.js';
import { restoreGbmModel } from '../src/gbm-model.js';
import { binEdgeQueryRows, syntheticWithMissing, targetForSynthetic } from '@autopipe/testkit';

type EdgeState = { edges: Float64Array; edgeOffsets: Int32Array; nIterations: number };

/** Fits gbm on synthetic rows with missing values and returns the parity of its ONNX export on edge-heavy query rows. */
async function check(task: Task, params: Params, rows: number) {
  const x = syntheticWithMissing(rows, 21);
  const y = targetForSynthetic(x, task, 8);
  const model = await fitEstimator(gbm, x, y, params, defaultContext(4));
  const s = model.state() as EdgeState;
  const p = await estimatorParity(gbm, model, binEdgeQueryRows(500, 77, s.edges, s.edgeOffsets), y.kind === 'classification' ? { task, classes: y.classes } : { task });
  return { p, iterations: s.nIterations };
}

describe('gbm ONNX parity in onnxruntime', () => {
  const small = { n_estimators: 30, max_leaves: 8, min_samples_leaf: 5, early_stopping: 'false' };
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`small model, ${task}`, async () => {
      const { p, iterations } = await check(task, small, 400);
      expect(iterations).toBe(30);
      // Raw scores are bit-identical (same doubles, same summation order); only exp may differ in the last bit.
      expect(p.maxAbsDiff).toBeLessThanOrEqual(task === 'regression' ? 0 : 1e-12);
      expect(p.labelMismatches).toBe(0);
    });
  }

  for (const loss of ['absolute', 'huber']) {
    it(`regression with ${loss} loss (leaf values refitted to the loss)`, async () => {
      const { p } = await check('regression', { ...small, loss }, 400);
      expect(p.maxAbsDiff).toBe(0);
    });
  }

  it('subsampled rows and columns, early stopping keeps a prefix of the trees', async () => {
    const { p, iterations } = await check('multiclass', { n_estimators: 200, learning_rate: 0.3, max_leaves: 15, subsample: 0.7, colsample: 0.6, early_stopping: 'true', n_iter_no_change: 3 }, 600);
    expect(iterations).toBeLessThan(200);
    expect(p.maxAbsDiff).toBeLessThanOrEqual(1e-12);
    expect(p.labelMismatches).toBe(0);
  });

  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`large model: 100 trees per output, 31 leaves, 3000 rows, ${task}`, async () => {
      const { p, iterations } = await check(task, { n_estimators: 100, max_leaves: 31, min_samples_leaf: 5, early_stopping: 'false' }, 3000);
      expect(iterations).toBe(100);
      expect(p.maxAbsDiff).toBeLessThanOrEqual(task === 'regression' ? 0 : 1e-12);
      expect(p.labelMismatches).toBe(0);
    });
  }

  it('a model with no trees (early stopping kept none) scores the initial prediction for every row', async () => {
    const x = syntheticWithMissing(200, 3);
    const fitted = await fitEstimator(gbm, x, targetForSynthetic(x, 'multiclass', 2), { n_estimators: 2, early_stopping: 'false' }, defaultContext(1));
    const none = new Int32Array(0);
    const s = { ...(fitted.state() as Record<string, StateValue>), feature: none, threshold: new Uint8Array(0), missingLeft: new Uint8Array(0), left: none, right: none, value: new Float64Array(0), roots: none, nIterations: 0 };
    const model = restoreGbmModel('gbm', s);
    const p = await estimatorParity(gbm, model, syntheticWithMissing(50, 4), { task: 'multiclass', classes: ['c0', 'c1', 'c2'] });
    expect(p.maxAbsDiff).toBeLessThanOrEqual(1e-12);
    expect(p.labelMismatches).toBe(0);
  });

  it('refuses an export for another task than the model was fitted for', async () => {
    const x = syntheticWithMissing(200, 3);
    const model = await fitEstimator(gbm, x, targetForSynthetic(x, 'binary', 2), { n_estimators: 2 }, defaultContext(1));
    let err: unknown;
    try {
      exportEstimator(gbm, model.state(), { features: 5, task: 'regression' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AutopipeError);
    expect((err as AutopipeError).message).toMatch(/fitted for 2 classes, but the export is for a regression task/);
  });
});
