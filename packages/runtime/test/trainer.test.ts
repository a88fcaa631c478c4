import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveSeed } from '@autopipe/core';
import { PluginHost, ModelService, Trainer, createRuntime, loadModelDir, repeatedKFold, saveTrainResult, type TrialRecord } from '../src/index.js';
import { testPlugin, toyFrame } from './fakes.js';

const dir = mkdtempSync(join(tmpdir(), 'autopipe-runtime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const runtime = () => createRuntime({ plugins: [testPlugin] });

describe('Trainer', () => {
  it('infers regression, drops id columns, ranks trials by the metric and stops at max trials', async () => {
    const r = await runtime().resolve(Trainer).train({ frame: toyFrame(), target: 'y', timeBudget: 30, seed: 1, maxTrials: 4, ignore: ['label'] });
    expect(r.data.task).toBe('regression');
    expect(r.metric.key).toBe('rmse');
    expect(r.data.dropped).toEqual([{ column: 'id', reason: 'identifier-like (unique per row)' }, { column: 'label', reason: 'ignored by the user' }]);
    expect(r.leaderboard.map((x) => x.params.bias)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(r.leaderboard.map((x) => x.rank)).toEqual([1, 2, 3, 4]);
    expect(r.stoppedBecause).toBe('max trials');
    expect(r.evaluation).toEqual({ method: 'cv', folds: 5 });
  });

  it('classification with a max metric puts the highest score first', async () => {
    const r = await runtime().resolve(Trainer).train({ frame: toyFrame(), target: 'label', timeBudget: 30, seed: 1, maxTrials: 3, ignore: ['y'] });
    expect(r.data.task).toBe('binary');
    for (let i = 1; i < r.leaderboard.length; i++) expect(r.leaderboard[i - 1].score).toBeGreaterThanOrEqual(r.leaderboard[i].score);
  });

  it('stops at the time budget', async () => {
    const t0 = Date.now();
    const r = await runtime().resolve(Trainer).train({ frame: toyFrame(), target: 'y', timeBudget: 0.5, seed: 1 });
    expect(r.stoppedBecause).toBe('time budget');
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.leaderboard.length).toBeGreaterThan(1);
  });

  it('gives clear errors for an unknown target and a single-valued target', async () => {
    const t = runtime().resolve(Trainer);
    await expect(t.train({ frame: toyFrame(), target: 'nope', timeBudget: 1, seed: 1 })).rejects.toThrow(/Target column "nope" is not in the data. Columns are: id, x, c, y, label/);
    const f = toyFrame().with([{ schema: { name: 'one', type: 'categorical' }, data: Array(60).fill('z') }]);
    await expect(t.train({ frame: f, target: 'one', timeBudget: 1, seed: 1 })).rejects.toMatchObject({ code: 'SINGLE_CLASS_TARGET' });
  });

});

describe('model directory', () => {
  it('round-trips: a reloaded model predicts exactly what the trained one did, and tampering is detected', async () => {
    const c = runtime();
    const r = await c.resolve(Trainer).train({ frame: toyFrame(), target: 'label', timeBudget: 30, seed: 2, maxTrials: 2, ignore: ['y'] });
    const out = join(dir, 'm1');
    saveTrainResult(out, r, { plugins: c.resolve(PluginHost).plugins() });
    const models = runtime().resolve(ModelService);
    const m = models.load(out);
    expect(m.manifest).toMatchObject({ format: 'autopipe-model', task: 'binary', target: 'label', classes: ['no', 'yes'], seed: 2 });
    const p = models.predict(m, toyFrame());
    const direct = r.bestSingle.model.predict((await import('./fakes.js')).frameToMatrix(toyFrame().select(['x', 'c']).with([{ schema: { name: 'c', type: 'numeric' }, data: Float64Array.from(toyFrame().strings('c'), (v) => v!.length) }, { schema: { name: 'x', type: 'numeric' }, data: Float64Array.from(toyFrame().numeric('x'), (v) => (Number.isNaN(v) ? 0 : v)) }])));
    expect(p.kind === 'classification' && p.proba).toEqual(direct.kind === 'classification' && direct.proba);

    // Saving again over the same directory replaces it atomically.
    saveTrainResult(out, r, { plugins: c.resolve(PluginHost).plugins() });
    expect(loadModelDir(out).manifest.task).toBe('binary');

    writeFileSync(join(out, 'weights.bin'), Buffer.concat([readFileSync(join(out, 'weights.bin')), Buffer.from([1])]));
    expect(() => models.load(out)).toThrow(/do not match their checksum/);
  });

  it('refuses newer formats and missing directories with clear messages', () => {
    const out = join(dir, 'm2');
    expect(() => loadModelDir(out)).toThrow(/does not exist/);
  });

  it('predict enforces the training schema', async () => {
    const c = runtime();
    const r = await c.resolve(Trainer).train({ frame: toyFrame(), target: 'y', timeBudget: 30, seed: 2, maxTrials: 1, ignore: ['label'] });
    const out = join(dir, 'm3');
    saveTrainResult(out, r, { plugins: c.resolve(PluginHost).plugins() });
    const models = runtime().resolve(ModelService);
    const m = models.load(out);
    expect(() => models.predict(m, toyFrame().drop(['c']))).toThrow(/missing column "c"/);
    const bad = toyFrame().with([{ schema: { name: 'x', type: 'categorical' }, data: Array(60).fill('3').map((v, i) => (i === 4 ? 'abc' : v)) }]);
    expect(() => models.predict(m, bad)).toThrow(/column "x" was numeric in training, but data row 5 holds "abc"/);
  });
});

describe('resume by replay', () => {
  it('a run replaying the finished trials of an interrupted one gives the same leaderboard and only evaluates the rest', async () => {
    const seen: TrialRecord[] = [];
    const opts = { frame: toyFrame(), target: 'y', timeBudget: 30, seed: 4, maxTrials: 5, ignore: ['label'], ensemble: false };
    const full = await runtime().resolve(Trainer).train({ ...opts, observer: { trial: (r) => seen.push(r) } });
    expect(seen.map((r) => r.trial)).toEqual([1, 2, 3, 4, 5]);
    const replay = new Map(seen.slice(0, 3).map((r) => [r.trial, r]));
    const again: TrialRecord[] = [];
    const resumed = await runtime().resolve(Trainer).train({ ...opts, replay, observer: { trial: (r) => again.push(r) } });
    expect(again.map((r) => r.trial)).toEqual([4, 5]);
    const strip = (lb: readonly { seconds: number }[]) => lb.map(({ seconds: _s, ...rest }) => rest);
    expect(strip(resumed.leaderboard)).toEqual(strip(full.leaderboard));
  });

  it('repeats: 3 runs 5-fold CV 3 times and scores each trial on its out-of-fold predictions averaged over the rounds', async () => {
    const r = await runtime().resolve(Trainer).train({ frame: toyFrame(), target: 'y', timeBudget: 30, seed: 2, maxTrials: 1, ignore: ['label'], ensemble: false, repeats: 3 });
    expect(r.evaluation).toEqual({ method: 'cv', folds: 5, repeats: 3 });
    const row = r.leaderboard[0];
    expect(row.params.bias).toBe(0);
    expect(row.foldScores).toHaveLength(15);
    // By hand: the mean learner predicts its training rows' mean; each row's prediction is the mean over the 3 rounds.
    const y = Array.from({ length: 60 }, (_, i) => i * 0.5);
    const splits = repeatedKFold({ kind: 'regression', values: Float64Array.from(y) }, 5, 3, deriveSeed(2, 'split'));
    const sum = new Float64Array(60);
    for (const s of splits) {
      const m = Array.from(s.train).reduce((a, i) => a + y[i], 0) / s.train.length;
      for (const i of s.valid) sum[i] += m;
    }
    const rmse = Math.sqrt(y.reduce((a, v, i) => a + (v - sum[i] / 3) ** 2, 0) / 60);
    expect(row.score).toBeCloseTo(rmse, 12);
    const once = await runtime().resolve(Trainer).train({ frame: toyFrame(), target: 'y', timeBudget: 30, seed: 2, maxTrials: 1, ignore: ['label'], ensemble: false });
    expect(once.evaluation).toEqual({ method: 'cv', folds: 5 });
    expect(once.leaderboard[0].foldScores).toEqual(row.foldScores.slice(0, 5));
  });
});
