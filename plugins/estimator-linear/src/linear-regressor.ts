import { stateField, type FittedModel, type StateValue } from '@autopipe/core';
import { checkColumns, coefImportances } from './columns.js';

/** The fitted form shared by the sparse linear regressors: ŷ = intercept + x·coef. */
export interface LinearRegressorFit {
  readonly cols: number;
  readonly coef: Float64Array;
  readonly intercept: number;
}

/** A fitted linear regressor under `key`; importances are |coef|. */
export function linearRegressor(key: string, fit: LinearRegressorFit): FittedModel {
  return {
    estimator: key,
    predict(x) {
      checkColumns(key, fit.cols, x);
      const n = x.rows;
      const values = new Float64Array(n).fill(fit.intercept);
      for (let j = 0; j < fit.cols; j++) {
        const w = fit.coef[j];
        if (w === 0) continue; // sparse fits: most columns may be dropped
        const off = j * n;
        for (let i = 0; i < n; i++) values[i] += w * x.data[off + i];
      }
      return { kind: 'regression', values };
    },
    state: (): StateValue => ({ cols: fit.cols, coef: fit.coef.slice(), intercept: fit.intercept }),
    importances: () => coefImportances(fit.coef, fit.cols),
  };
}

/** Restores a state written by `linearRegressor(key, …).state()`. */
export function restoreLinearRegressor(key: string, state: StateValue): FittedModel {
  const owner = `estimator "${key}"`;
  const cols = stateField<number>(state, 'cols', (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0, owner);
  const coef = stateField<Float64Array>(state, 'coef', (v) => v instanceof Float64Array && v.length === cols, owner);
  const intercept = stateField<number>(state, 'intercept', (v) => typeof v === 'number', owner);
  return linearRegressor(key, { cols, coef, intercept });
}
