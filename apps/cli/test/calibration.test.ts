import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, titanic, wine } from './cli.js';

/**
 * Issue 5's calibration check: every classifier's probabilities must be good enough that its cross-validated log loss
 * beats the class-prior baseline (predicting the training class frequencies for every row) on the bundled datasets —
 * titanic (binary) and wine quality read as a 6-class target. Default hyperparameters, as a user of `fit` gets them.
 */
const CLASSIFIERS = ['logistic', 'gbm', 'random_forest', 'extra_trees', 'decision_tree', 'knn', 'gaussian_nb', 'multinomial_nb', 'mlp'];
const DATASETS = [
  { name: 'titanic', file: titanic, args: ['--target', 'Survived'] },
  { name: 'wine (multiclass)', file: wine, args: ['--target', 'quality', '--task', 'multiclass'] },
];

function priorLogLoss(file: string, args: string[]): number {
  const r = cli('inspect', file, ...args.filter((a, i) => a !== '--task' && args[i - 1] !== '--task'), '--json');
  const shares = (JSON.parse(r.stdout).target.classes as { share: number }[]).map((c) => c.share);
  return -shares.reduce((s, p) => s + p * Math.log(p), 0);
}

describe('probabilities beat the class prior (3-fold CV log loss, default hyperparameters)', () => {
  const dir = tempDir('calibration');
  for (const d of DATASETS) {
    const prior = priorLogLoss(d.file, d.args);
    for (const est of CLASSIFIERS) {
      it(`${est} on ${d.name} (prior log loss ${prior.toFixed(3)})`, () => {
        const r = cli('fit', d.file, ...d.args, '--estimator', est, '--cv', '3', '--metric', 'log_loss', '--out', join(dir, `${est}-${d.name.split(' ')[0]}`), '--json');
        expect(r.code, r.stderr).toBe(0);
        const score = JSON.parse(r.stdout).score as number;
        expect(score).toBeLessThan(prior);
      });
    }
  }
});
