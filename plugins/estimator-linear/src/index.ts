import { definePlugin } from '@autopipe/core';
import { elasticNet } from './elastic-net.js';
import { lasso } from './lasso.js';
import { logistic } from './logistic.js';
import { ridge } from './ridge.js';

/**
 * Linear estimators: `logistic` (binary/multiclass, L-BFGS), `ridge` (regression, closed form), and
 * `lasso` / `elastic_net` (regression, coordinate descent).
 */
export const plugin = definePlugin({ name: '@autopipe/estimator-linear', version: '0.1.0', core: '^0.1.0', provides: [logistic, ridge, lasso, elasticNet] });
export default plugin;
export { logistic, ridge, lasso, elasticNet };
export type { LogisticParams } from './logistic.js';
export type { RidgeParams } from './ridge.js';
export type { LassoParams } from './lasso.js';
export type { ElasticNetParams } from './elastic-net.js';
export { minimizeLbfgs, type Objective, type LbfgsOptions, type LbfgsResult } from './lbfgs.js';
export { enetCoordinateDescent, type EnetOptions, type EnetResult } from './coordinate-descent.js';
