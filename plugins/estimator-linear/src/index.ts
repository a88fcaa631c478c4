import { definePlugin } from '@autopipe/core';
import { logistic } from './logistic.js';
import { ridge } from './ridge.js';

/** Linear estimators: `logistic` (binary/multiclass, L-BFGS) and `ridge` (regression, closed form). */
export const plugin = definePlugin({ name: '@autopipe/estimator-linear', version: '0.1.0', core: '^0.1.0', provides: [logistic, ridge] });
export default plugin;
export { logistic, ridge };
export type { LogisticParams } from './logistic.js';
export type { RidgeParams } from './ridge.js';
export { minimizeLbfgs, type Objective, type LbfgsOptions, type LbfgsResult } from './lbfgs.js';
