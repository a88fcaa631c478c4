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
    expect(out.leaderboard).toHaveLength(8);
    expect(out.best.score).toBeGreaterThan(0.8);
    expect(out.dropped.map((d: { column: string }) => d.column)).toEqual(expect.arrayContaining(['PassengerId', 'Name']));
    const m = JSON.parse(readFileSync(join(model, 'manifest.json'), 'utf8'));
    expect(m).toMatchObject({ format: 'autopipe-model', formatVersion: 1, autopipeVersion: '0.1.0', task: 'binary', target: 'Survived', classes: ['0', '1'], seed: 3 });
    expect(m.pipeline.estimator.key).toBe(out.best.estimator);
    expect(m.pipeline.estimator.params).toEqual(out.best.params);
    expect(m.schema.map((c: { name: string }) => c.name)).toEqual(['Pclass', 'Sex', 'Age', 'SibSp', 'Parch', 'Ticket', 'Fare', 'Cabin', 'Embarked']);
    expect(m.score.foldScores).toHaveLength(5);
  });

  it('leaderboard reads the saved run, with --details showing the preprocessing plan', () => {
    const r = cli('leaderboard', model, '--details');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/auc \(5-fold CV\)/);
    expect(r.stdout).toMatch(/chosen pipeline: .*encode\.onehot.* -> (logistic|decision_tree)/);
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
    writeFileSync(f, 'Pclass,Sex,Age,SibSp,Parch,Ticket,Fare,Cabin\n3,male,22,1,0,A,7.25,\n');
    const r = cli('predict', model, f);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing column "Embarked"/);
    writeFileSync(f, 'Pclass,Sex,Age,SibSp,Parch,Ticket,Fare,Cabin,Embarked\n3,male,22,1,0,A,7.25,,S\n3,male,old,1,0,A,7.25,,S\n');
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
    expect([...kinds].sort()).toEqual(['estimator', 'ingestor', 'metric', 'searcher', 'transformer']);
    expect(j.provisions).toContainEqual(expect.objectContaining({ kind: 'estimator', key: 'decision_tree', plugin: '@autopipe/estimator-tree' }));
  });
});
