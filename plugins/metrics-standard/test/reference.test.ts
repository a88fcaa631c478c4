import { describe, expect, it } from 'vitest';
import { isAutopipeError } from '@autopipe/core';
import { accuracy, auc, balancedAccuracy, f1, logLoss, mae, r2, rmse } from '../src/index.js';
import { binaryPrediction, classTarget, labelPrediction, probaPrediction, valuePrediction, valueTarget } from './helpers.js';

/*
 * Reference numbers from scikit-learn 1.2.1 (/usr/bin/python3):
 *
 *   from sklearn.metrics import *; import numpy as np
 *   y = [0,0,1,1,0,1,0,1,1,0]; s = [0.1,0.4,0.35,0.8,0.4,0.4,0.2,0.9,0.1,0.6]
 *   roc_auc_score(y, s)                                   # 0.62
 *   log_loss(y, np.column_stack([1-np.array(s), s]), eps=1e-15)  # 0.6863648062717087
 *   log_loss([1,1], [[1.0,0.0],[0.3,0.7]], eps=1e-15, labels=[0,1])  # 17.44772566942471
 *   ym = [0,1,2,2,1,0,2,1,0,2]; Pm = (MULTI_PROBA below)
 *   roc_auc_score(ym, Pm, multi_class='ovr', average='macro')  # 0.9523809523809524
 *   log_loss(ym, Pm, eps=1e-15)                           # 0.7163752655167425
 *   yt = list('abccbacbaca'); yp = list('accbbacaacb')
 *   f1_score(yt, yp, average='macro')                     # 0.611111111111111
 *   balanced_accuracy_score(yt, yp)                       # 0.611111111111111
 *   accuracy_score(yt, yp)                                # 0.6363636363636364
 *   f1_score([0,1,1,0,1,1,0,0], [0,1,0,0,1,1,1,1])        # 0.6666666666666665
 *   balanced_accuracy_score(same)                         # 0.625
 *   f1_score(['a','a','b','b'], ['a','d','b','a'], average='macro')  # 0.38888888888888884
 *   yr = [3,-0.5,2,7,4.2]; pr = [2.5,0,2,8,3.9]
 *   mean_squared_error(yr, pr)**0.5, mean_absolute_error(yr, pr), r2_score(yr, pr)
 *                                                         # 0.5639148871948674 0.46 0.9480256276150627
 *   r2_score([2,2,2],[2,2,2]), r2_score([2,2,2],[2,2,2.1]) # 1.0 0.0
 */

const Y_BIN = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0];
const S_BIN = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.2, 0.9, 0.1, 0.6];
const Y_MULTI = [0, 1, 2, 2, 1, 0, 2, 1, 0, 2];
const MULTI_PROBA = [
  [0.7, 0.2, 0.1], [0.3, 0.4, 0.3], [0.2, 0.2, 0.6], [0.1, 0.5, 0.4], [0.3, 0.4, 0.3],
  [0.5, 0.3, 0.2], [0.3, 0.3, 0.4], [0.2, 0.6, 0.2], [0.4, 0.4, 0.2], [0.1, 0.3, 0.6],
];
const ABC = ['a', 'b', 'c'];
const YT = [...'abccbacbaca'];
const YP = [...'accbbacaacb'];

describe('auc', () => {
  it('binary with tied scores matches scikit-learn', () => {
    expect(auc.score(classTarget(Y_BIN), binaryPrediction(S_BIN))).toBeCloseTo(0.62, 12);
  });
  it('counts a tied positive/negative pair as one half (by hand)', () => {
    // pairs: (0.5+ vs 0.5-) = 1/2, (0.5+ vs 0.2-) = 1, (0.9+ vs both) = 2 → 3.5 / 4
    expect(auc.score(classTarget([1, 0, 1, 0]), binaryPrediction([0.5, 0.5, 0.9, 0.2]))).toBe(0.875);
  });
  it('uses the second sorted label as the positive class', () => {
    const y = classTarget(['no', 'yes', 'yes', 'no']);
    expect(y.classes).toEqual(['no', 'yes']);
    expect(auc.score(y, binaryPrediction([0.1, 0.8, 0.7, 0.2], ['no', 'yes']))).toBe(1);
  });
  it('multiclass one-vs-rest macro matches scikit-learn', () => {
    expect(auc.score(classTarget(Y_MULTI), probaPrediction(MULTI_PROBA, ['0', '1', '2']))).toBeCloseTo(0.9523809523809524, 12);
  });
  it('skips a class absent from y (by hand: (5.5/6 + 1) / 2)', () => {
    const y = classTarget([0, 2, 2, 0, 2], ['0', '1', '2']);
    const p = probaPrediction([[0.6, 0.1, 0.3], [0.2, 0.2, 0.6], [0.3, 0.3, 0.4], [0.5, 0.4, 0.1], [0.5, 0.1, 0.4]], ['0', '1', '2']);
    expect(auc.score(y, p)).toBeCloseTo(0.9583333333333334, 12);
  });
  it('throws INVALID_ARGUMENT when y has a single class', () => {
    const y = classTarget([1, 1, 1], ['0', '1']);
    let err: unknown;
    try {
      auc.score(y, binaryPrediction([0.2, 0.4, 0.9]));
    } catch (e) {
      err = e;
    }
    expect(isAutopipeError(err) && err.code).toBe('INVALID_ARGUMENT');
    expect((err as Error).message).toMatch(/undefined/);
  });
  it('reads probability columns by class name when the prediction orders classes differently', () => {
    const y = classTarget(Y_MULTI);
    const permuted = probaPrediction(MULTI_PROBA.map(([a, b, c]) => [c, a, b]), ['2', '0', '1']);
    expect(auc.score(y, permuted)).toBeCloseTo(0.9523809523809524, 12);
  });
  it('is O(n log n) in practice: 200k rows score quickly', () => {
    const n = 200_000;
    const s = Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 1000);
    const y = classTarget(Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)));
    const t = performance.now();
    const v = auc.score(y, binaryPrediction(s));
    expect(performance.now() - t).toBeLessThan(2000);
    expect(v).toBeGreaterThan(0.4);
    expect(v).toBeLessThan(0.6);
  });
});

describe('log_loss', () => {
  it('binary matches scikit-learn', () => {
    expect(logLoss.score(classTarget(Y_BIN), binaryPrediction(S_BIN))).toBeCloseTo(0.6863648062717087, 12);
  });
  it('multiclass matches scikit-learn', () => {
    expect(logLoss.score(classTarget(Y_MULTI), probaPrediction(MULTI_PROBA, ['0', '1', '2']))).toBeCloseTo(0.7163752655167425, 12);
  });
  it('clips a zero probability to 1e-15 so the loss stays finite', () => {
    expect(logLoss.score(classTarget([1, 1], ['0', '1']), probaPrediction([[1, 0], [0.3, 0.7]], ['0', '1']))).toBeCloseTo(17.44772566942471, 10);
  });
});

describe('label metrics', () => {
  const y = classTarget(YT);
  const p = labelPrediction(YP, ABC);
  it('accuracy matches scikit-learn', () => expect(accuracy.score(y, p)).toBeCloseTo(0.6363636363636364, 14));
  it('balanced_accuracy matches scikit-learn', () => expect(balancedAccuracy.score(y, p)).toBeCloseTo(0.611111111111111, 14));
  it('macro f1 matches scikit-learn', () => expect(f1.score(y, p)).toBeCloseTo(0.611111111111111, 14));
  it('binary f1 and balanced accuracy match scikit-learn', () => {
    const yb = classTarget([0, 1, 1, 0, 1, 1, 0, 0]);
    const pb = labelPrediction([0, 1, 0, 0, 1, 1, 1, 1], ['0', '1']);
    expect(f1.score(yb, pb)).toBeCloseTo(0.6666666666666665, 14);
    expect(balancedAccuracy.score(yb, pb)).toBe(0.625);
  });
  it('macro f1 counts a class only predicted (not in y), like scikit-learn', () => {
    const yy = classTarget(['a', 'a', 'b', 'b']);
    const pp = labelPrediction(['a', 'd', 'b', 'a'], ['a', 'b', 'd']);
    expect(f1.score(yy, pp)).toBeCloseTo(0.38888888888888884, 14);
  });
  it('binary f1 is 0 when the positive class never occurs nor is predicted (zero_division=0)', () => {
    expect(f1.score(classTarget([0, 0], ['0', '1']), labelPrediction([0, 0], ['0', '1']))).toBe(0);
  });
  it('compares labels by name, not by code', () => {
    const yy = classTarget(['a', 'b', 'c']);
    expect(accuracy.score(yy, labelPrediction(['a', 'b', 'c'], ['c', 'b', 'a']))).toBe(1);
  });
});

describe('regression metrics', () => {
  const y = valueTarget([3, -0.5, 2, 7, 4.2]);
  const p = valuePrediction([2.5, 0, 2, 8, 3.9]);
  it('rmse, mae, r2 match scikit-learn', () => {
    expect(rmse.score(y, p)).toBeCloseTo(0.5639148871948674, 14);
    expect(mae.score(y, p)).toBeCloseTo(0.46, 14);
    expect(r2.score(y, p)).toBeCloseTo(0.9480256276150627, 14);
  });
  it('r2 of a constant target is 1 when perfect, else 0', () => {
    expect(r2.score(valueTarget([2, 2, 2]), valuePrediction([2, 2, 2]))).toBe(1);
    expect(r2.score(valueTarget([2, 2, 2]), valuePrediction([2, 2, 2.1]))).toBe(0);
  });
  it('rejects NaN predictions and length mismatches', () => {
    expect(() => rmse.score(y, valuePrediction([1, 2, 3, 4, NaN]))).toThrow(/row 5/);
    expect(() => mae.score(y, valuePrediction([1, 2]))).toThrow(/5 rows but the prediction has 2/);
  });
});
