import { definePlugin } from '@autopipe/core';
import { accuracy } from './accuracy.js';
import { auc } from './auc.js';
import { balancedAccuracy } from './balanced-accuracy.js';
import { f1 } from './f1.js';
import { logLoss } from './log-loss.js';
import { mae, r2, rmse } from './regression.js';

/** Standard classification and regression metrics: accuracy, balanced_accuracy, auc, log_loss, f1, rmse, mae, r2. */
export const plugin = definePlugin({
  name: '@autopipe/metrics-standard',
  version: '0.1.0',
  core: '^0.1.0',
  provides: [accuracy, balancedAccuracy, auc, logLoss, f1, rmse, mae, r2],
});
export default plugin;
export { accuracy, auc, balancedAccuracy, f1, logLoss, mae, r2, rmse };
export { rankAuc } from './auc.js';
