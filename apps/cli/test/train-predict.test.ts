import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, titanic, wine } from './cli.js';

const dir = tempDir('e2e');
const model = join(dir, 'titanic');
const csvRows = (path: string): Record<string, string>[] => parse(readFileSync(path, 'utf8'), { columns: true });

describe('train → leaderboard → predict → evaluate on Titanic', () => {
  it('train writes a self-describing model directory and reports the leaderboard as JSON', () => {
    const r = cli('train', titanic, '--target', 'Survived', '--time-budget', '60', '--max-trials', '8', '--seed', '3', '--out', model, '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ task: 'binary', metric: 'auc', evaluation: { method: 'cv', folds: 5 }, stoppedBecause: 'max trials', seed: 3 });
    expect(out.leaderboard.filter((r: { members?: unknown }) => !r.members)).toHaveLength(8);
    // The ensembles built from the trials' out-of-fold predictions are ranked beside them.
    expect(out.leaderboard.map((r: { estimator: string }) => r.estimator)).toEqual(expect.arrayContaining(['ensemble', 'stacking']));
    expect(out.best.score).toBeGreaterThan(0.8);
    // PassengerId is an ID; Name is free text and now feeds TF-IDF features.
    expect(out.dropped.map((d: { column: string }) => d.column)).toEqual(['PassengerId']);
    const m = JSON.parse(readFileSync(join(model, 'manifest.json'), 'utf8'));
    expect(m).toMatchObject({ format: 'autopipe-model', formatVersion: 1, autopipeVersion: '0.1.0', task: 'binary', target: 'Survived', classes: ['0', '1'], seed: 3 });
    if (out.best.members) {
      // An ensemble won: the manifest lists exactly its members, and `pipeline` is the best single trial.
      expect(m.ensemble.method).toBe(out.best.estimator === 'stacking' ? 'stacking' : 'caruana');
      expect(m.ensemble.members.map((x: { trial: number }) => x.trial)).toEqual(out.best.members.map((x: { trial: number }) => x.trial));
      const single = out.leaderboard.find((r: { members?: unknown }) => !r.members);
      expect(m.pipeline.estimator.key).toBe(single.estimator);
    } else {
      expect(m.pipeline.estimator.key).toBe(out.best.estimator);
      expect(m.pipeline.estimator.params).toEqual(out.best.params);
    }
    expect(m.schema.map((c: { name: string }) => c.name)).toEqual(['Pclass', 'Name', 'Sex', 'Age', 'SibSp', 'Parch', 'Ticket', 'Fare', 'Cabin', 'Embarked']);
    expect(Object.fromEntries(m.schema.map((c: { name: string; type: string }) => [c.name, c.type]))).toMatchObject({ Name: 'text', Ticket: 'high_cardinality', Sex: 'categorical', Age: 'numeric' });
    expect(m.score.foldScores).toHaveLength(out.best.members ? 0 : 5);
    for (const r of m.leaderboard.filter((x: { members?: unknown }) => !x.members)) expect(r.foldScores).toHaveLength(5);
  });

  it('leaderboard reads the saved run, with --details showing the preprocessing plan', () => {
    const r = cli('leaderboard', model, '--details');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/auc \(5-fold CV\)/);
    expect(r.stdout).toMatch(/chosen pipeline( \(weight [0-9.]+\))?: .*encode\.(onehot|ordinal).* -> [a-z_]+/);
    // Steps planned by column type name the types, not "0 cols".
    expect(r.stdout).not.toMatch(/\(0 cols\)/);
    const j = JSON.parse(cli('leaderboard', model, '--json').stdout);
    expect(j.leaderboard[0].rank).toBe(1);
  });

  it('predict keeps row order, adds proba columns, and a subset predicts like the same rows of the whole', () => {
    const all = join(dir, 'all.csv');
    expect(cli('predict', model, titanic, '--out', all, '--proba').code).toBe(0);
    const rows = csvRows(all);
    expect(rows).toHaveLength(891);
    expect(Object.keys(rows[0])).toEqual(['prediction', 'proba_0', 'proba_1']);
    for (const r of rows.slice(0, 50)) {
      expect(Math.abs(Number(r.proba_0) + Number(r.proba_1) - 1)).toBeLessThan(1e-12);
      expect(r.prediction).toBe(Number(r.proba_1) > Number(r.proba_0) ? '1' : '0');
    }
    const lines = readFileSync(titanic, 'utf8').trim().split('\n');
    const picked = [lines[0], lines[100], lines[3], lines[891]].join('\n') + '\n';
    const sub = join(dir, 'subset.csv');
    writeFileSync(sub, picked);
    const subRows = csvRows(cli('predict', model, sub, '--out', join(dir, 'sub-preds.csv'), '--proba').code === 0 ? join(dir, 'sub-preds.csv') : '');
    expect(subRows).toEqual([rows[99], rows[2], rows[890]]);
  });

  it('predict handles unseen categories and missing values, and ignores the absent target', () => {
    const f = join(dir, 'new.csv');
    writeFileSync(f, [
      'PassengerId,Pclass,Name,Sex,Age,SibSp,Parch,Ticket,Fare,Cabin,Embarked,Extra',
      '1000,3,"Doe, Mr. John",alien,,0,0,NEW-1,,Z99,Q,x',
      '1001,1,"Roe, Mrs. Jane",female,30,1,0,NEW-2,80,,,y',
    ].join('\n'));
    const r = cli('predict', model, f, '--proba', '--json');
    expect(r.code, r.stderr).toBe(0);
    const recs = JSON.parse(r.stdout);
    expect(recs).toHaveLength(2);
    expect(recs[1].proba_1).toBeGreaterThan(recs[0].proba_1);
    expect(r.stderr).toMatch(/ignoring column not used by the model: Extra/);
  });

  it('predict names missing columns and cells of the wrong type', () => {
    const f = join(dir, 'bad.csv');
    writeFileSync(f, 'Pclass,Name,Sex,Age,SibSp,Parch,Ticket,Fare,Cabin\n3,"A, Mr. B",male,22,1,0,A,7.25,\n');
    const r = cli('predict', model, f);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing column "Embarked" that the model was trained on/);
    writeFileSync(f, 'Pclass,Name,Sex,Age,SibSp,Parch,Ticket,Fare,Cabin,Embarked\n3,"A, Mr. B",male,22,1,0,A,7.25,,S\n3,"C, Mrs. D",male,old,1,0,A,7.25,,S\n');
    expect(cli('predict', model, f).stderr).toMatch(/column "Age" was numeric in training, but data row 2 holds "old"/);
  });

  it('evaluate scores labelled data with the training metric first', () => {
    const r = cli('evaluate', model, titanic, '--json');
    expect(r.code, r.stderr).toBe(0);
    const ev = JSON.parse(r.stdout);
    expect(ev.metric).toBe('auc');
    expect(Object.keys(ev.scores)[0]).toBe('auc');
    expect(ev.scores.auc).toBeGreaterThan(0.8);
    expect(ev.scores.accuracy).toBeGreaterThan(0.75);
    expect(ev.rows).toBe(891);
  });
});

describe('determinism', () => {
  it('the same seed and data give the same leaderboard', () => {
    const run = (out: string) => JSON.parse(cli('train', titanic, '--target', 'Survived', '--max-trials', '6', '--time-budget', '60', '--seed', '7', '--out', join(dir, out), '--json').stdout);
    const a = run('d1');
    const b = run('d2');
    const strip = (x: { leaderboard: { seconds: number }[] }) => x.leaderboard.map(({ seconds: _s, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
    expect(readFileSync(join(dir, 'd1', 'weights.bin'))).toEqual(readFileSync(join(dir, 'd2', 'weights.bin')));
  });
});

describe('other tasks', () => {
  it('regression on wine quality picks RMSE and beats predicting the mean', () => {
    const r = cli('train', wine, '--target', 'quality', '--max-trials', '4', '--time-budget', '60', '--out', join(dir, 'wine'), '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.task).toBe('regression');
    expect(out.metric).toBe('rmse');
    // std of quality is 0.807: a useful model is clearly below it.
    expect(out.best.score).toBeLessThan(0.72);
    const ev = JSON.parse(cli('evaluate', join(dir, 'wine'), wine, '--json').stdout);
    expect(Object.keys(ev.scores)).toEqual(['rmse', 'mae', 'r2']);
  });

  it('multiclass with --task picks log loss and predicts every class label as a string', () => {
    const r = cli('train', wine, '--target', 'quality', '--task', 'multiclass', '--max-trials', '3', '--time-budget', '60', '--out', join(dir, 'wine-mc'), '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ task: 'multiclass', metric: 'log_loss' });
    const preds = JSON.parse(cli('predict', join(dir, 'wine-mc'), wine, '--proba', '--json').stdout);
    expect(Object.keys(preds[0])).toEqual(['prediction', 'proba_3', 'proba_4', 'proba_5', 'proba_6', 'proba_7', 'proba_8']);
  });
});

describe('plugins list', () => {
  it('lists every registered plugin with kind, key and package', () => {
    const r = cli('plugins', 'list', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const kinds = new Set(j.provisions.map((p: { kind: string }) => p.kind));
    expect([...kinds].sort()).toEqual(['deployer', 'estimator', 'ingestor', 'metric', 'searcher', 'transformer']);
    expect(j.provisions).toContainEqual(expect.objectContaining({ kind: 'estimator', key: 'decision_tree', plugin: '@autopipe/estimator-tree' }));
  });
});

describe('fit: one estimator, no search', () => {
  it('trains exactly the given configuration, scores it only with --cv, and predict/evaluate/leaderboard accept it', () => {
    const out = join(dir, 'fit-tree');
    const r = cli('fit', titanic, '--target', 'Survived', '--estimator', 'decision_tree', '--params', 'max_depth=3,min_samples_leaf=7', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ estimator: 'decision_tree', evaluation: { method: 'none' }, score: null });
    expect(j.params).toMatchObject({ max_depth: 3, min_samples_leaf: 7, criterion: 'gini' });
    // Split-based learners: TF-IDF for the Name text, out-of-fold target encoding for the high-cardinality Ticket,
    // ordinal codes for the other categoricals, then constant columns dropped; no imputation (trees take NaN).
    expect(j.steps.map((s: { transformer: string }) => s.transformer)).toEqual(['encode.target', 'text.tfidf', 'encode.ordinal', 'select.variance']);
    expect(cli('leaderboard', out).stdout).toMatch(/not cross-validated/);
    expect(JSON.parse(cli('evaluate', out, titanic, '--json').stdout).scores.auc).toBeGreaterThan(0.8);
    expect(cli('predict', out, titanic).stdout.split('\n')[0]).toBe('prediction');

    const cv = JSON.parse(cli('fit', titanic, '--target', 'Survived', '--estimator', 'logistic', '--params', 'C=0.5', '--cv', '4', '--out', join(dir, 'fit-lr'), '--json').stdout);
    expect(cv).toMatchObject({ evaluation: { method: 'cv', folds: 4 }, params: { C: 0.5 } });
    expect(cv.foldScores).toHaveLength(4);
    expect(cv.score).toBeGreaterThan(0.8);
  });

  it('rejects unknown hyperparameters and estimators that do not fit the task', () => {
    const a = cli('fit', titanic, '--target', 'Survived', '--estimator', 'logistic', '--params', 'Cc=1', '--out', join(dir, 'x'));
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/has no hyperparameter "Cc". Known: C, max_iter/);
    const b = cli('fit', titanic, '--target', 'Survived', '--estimator', 'ridge', '--out', join(dir, 'x'));
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/"ridge" does not support binary tasks/);
  });

  it('estimators lists every key with hyperparameters, defaults and search space', () => {
    const j = JSON.parse(cli('estimators', '--json').stdout);
    const tree = j.find((e: { key: string }) => e.key === 'decision_tree');
    expect(tree.defaults.max_depth).toBe(8);
    expect(tree.space.max_depth).toEqual({ kind: 'int', low: 2, high: 20 });
    expect(cli('estimators', '--task', 'regression', '--json').stdout).not.toMatch(/"logistic"/);
  });
});
