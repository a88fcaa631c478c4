import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutopipeError, type ClassPrediction } from '@autopipe/core';
import { ModelService, PluginHost, Trainer, applyTemperature, createRuntime, loadModelDir, predictWith, saveTrainResult, stackFeatures, type FittedPredictor, type TrainResult } from '../src/index.js';
import { jsonPath, manifestProblem } from '../src/manifest-schema.js';
import { meanEstimator, testPlugin, toyFrame } from './fakes.js';

const root = mkdtempSync(join(tmpdir(), 'autopipe-format-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const runtime = () => createRuntime({ plugins: [testPlugin] });
const plugins = () => runtime().resolve(PluginHost).plugins();
const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;

let binary: TrainResult;
const dirs: Record<'single' | 'caruana' | 'tempered' | 'stacking' | 'regression', string> = { single: '', caruana: '', tempered: '', stacking: '', regression: '' };

beforeAll(async () => {
  binary = await runtime().resolve(Trainer).train({ frame: toyFrame(), target: 'label', timeBudget: 30, seed: 4, maxTrials: 3, ignore: ['y'] });
  dirs.single = join(root, 'single');
  saveTrainResult(dirs.single, binary, { plugins: plugins(), source: 'toy.csv', timeBudget: 30 });

  // Ensembles as the trainer saves them: refitted member pipelines, an ensemble leaderboard row with `members`, and a
  // reduced-fidelity row (multi-fidelity search) ranked last.
  const members = [{ trial: 1, weight: 0.25, pipeline: binary.bestSingle }, { trial: 2, weight: 0.75, pipeline: binary.bestSingle }];
  const leaderboard = [
    { ...binary.leaderboard[0], rank: 1, trial: 4, estimator: 'ensemble', params: { method: 'caruana', members: 'mean#1×0.250 mean#2×0.750' }, std: NaN, foldScores: [], steps: [], members: members.map((m) => ({ trial: m.trial, weight: m.weight, estimator: 'mean' })) },
    ...binary.leaderboard.map((r, i) => ({ ...r, rank: i + 2 })),
    { ...binary.leaderboard[0], rank: binary.leaderboard.length + 2, trial: 5, fidelity: 0.25 },
  ];
  dirs.caruana = join(root, 'caruana');
  saveTrainResult(dirs.caruana, { ...binary, leaderboard, final: { kind: 'ensemble', method: 'caruana', members } }, { plugins: plugins() });
  dirs.tempered = join(root, 'tempered');
  saveTrainResult(dirs.tempered, { ...binary, leaderboard, final: { kind: 'ensemble', method: 'caruana', members, temperature: 0.5 } }, { plugins: plugins() });

  const z = stackFeatures(members.map((m) => predictWith({ kind: 'pipeline', trial: m.trial, pipeline: m.pipeline }, binary.data.frame)));
  const meta = await meanEstimator.fit(z, binary.data.y, { bias: 0 }, { seed: 1, task: 'binary', logger: { debug() {}, info() {}, warn() {} } });
  const stacking: FittedPredictor = { kind: 'ensemble', method: 'stacking', members, meta: { key: 'mean', model: meta } };
  dirs.stacking = join(root, 'stacking');
  saveTrainResult(dirs.stacking, { ...binary, final: stacking }, { plugins: plugins() });

  const reg = await runtime().resolve(Trainer).train({ frame: toyFrame(), target: 'y', timeBudget: 30, seed: 4, maxTrials: 2, ignore: ['label'], holdout: 0.25 });
  dirs.regression = join(root, 'regression');
  saveTrainResult(dirs.regression, reg, { plugins: plugins() });
});

describe('manifest schema: manifests the runtime writes', () => {
  it('single, caruana, stacking and regression models validate and load; the files carry both checksums', () => {
    const models = runtime().resolve(ModelService);
    for (const [kind, dir] of Object.entries(dirs)) {
      const m = readManifest(dir);
      expect(manifestProblem(m), kind).toBeUndefined();
      expect((m.files as Record<string, string>).stateSha256, kind).toMatch(/^[0-9a-f]{64}$/);
      const loaded = models.load(dir);
      expect(loaded.predictor.kind, kind).toBe(kind === 'single' || kind === 'regression' ? 'pipeline' : 'ensemble');
      expect(models.predict(loaded, toyFrame()).kind, kind).toBe(kind === 'regression' ? 'regression' : 'classification');
    }
    const c = readManifest(dirs.caruana);
    expect((c.leaderboard as { members?: unknown; fidelity?: number }[]).some((r) => r.members)).toBe(true);
    expect((c.leaderboard as { fidelity?: number }[]).some((r) => r.fidelity === 0.25)).toBe(true);
    expect(readManifest(dirs.stacking).ensemble).toMatchObject({ method: 'stacking', meta: { estimator: 'mean' } });
    // Only a model that needs format 2 (a tempered blend) is written as 2: older readers keep loading the rest.
    expect(Object.fromEntries(Object.entries(dirs).map(([k, d]) => [k, readManifest(d).formatVersion]))).toEqual({ single: 1, caruana: 1, tempered: 2, stacking: 1, regression: 1 });
    expect(readManifest(dirs.regression).evaluation).toEqual({ method: 'holdout', fraction: 0.25 });
  });

  it('a tempered blend keeps its temperature: the loaded model predicts the blend raised to 1 / T and renormalized', () => {
    const models = runtime().resolve(ModelService);
    const plain = models.load(dirs.caruana);
    const tempered = models.load(dirs.tempered);
    expect(readManifest(dirs.tempered).ensemble).toMatchObject({ method: 'caruana', temperature: 0.5 });
    expect(tempered.predictor).toMatchObject({ kind: 'ensemble', method: 'caruana', temperature: 0.5 });
    const want = applyTemperature(models.predict(plain, toyFrame()) as ClassPrediction, 0.5);
    const got = models.predict(tempered, toyFrame()) as ClassPrediction;
    expect(Array.from(got.proba)).toEqual(Array.from(want.proba));
    expect(models.open(dirs.tempered).temperature).toBe(0.5);
    expect(models.open(dirs.caruana).temperature).toBeUndefined();
  });

  it('a manifest written before stateSha256 existed still loads', () => {
    const dir = damaged('no-state-sha', (m) => { delete (m.files as Record<string, unknown>).stateSha256; });
    expect(loadModelDir(dir).manifest.task).toBe('binary');
  });
});

let copies = 0;
/** A copy of the single model with its manifest changed by `edit`. */
function damaged(name: string, edit: (m: Record<string, unknown>) => void, from = dirs.single): string {
  const dir = join(root, `${name}-${copies++}`);
  cpSync(from, dir, { recursive: true });
  const m = readManifest(dir);
  edit(m);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
  return dir;
}

function refusal(dir: string): AutopipeError {
  try {
    loadModelDir(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(AutopipeError);
    expect((e as AutopipeError).code).toBe('MODEL_INCOMPATIBLE');
    expect((e as Error).message).toContain(dir);
    return e as AutopipeError;
  }
  throw new Error(`${dir} loaded but should have been refused`);
}

describe('manifest schema: damaged manifests are refused with the JSON path of the problem', () => {
  const cases: [string, (m: Record<string, unknown>) => void, string][] = [
    ['missing field', (m) => { delete m.target; }, '$.target is missing'],
    ['missing nested field', (m) => { delete (m.files as Record<string, unknown>).weightsSha256; }, '$.files.weightsSha256 is missing'],
    ['wrong type', (m) => { m.seed = '4'; }, '$.seed must be integer'],
    ['wrong type in a leaderboard row', (m) => { (m.leaderboard as Record<string, unknown>[])[1].score = 'high'; }, '$.leaderboard[1].score must be number or null'],
    ['unknown task', (m) => { m.task = 'ranking'; }, '$.task must be one of "binary", "multiclass", "regression"'],
    ['negative version', (m) => { m.formatVersion = -1; }, '$.formatVersion must be >= 1'],
    ['fractional version', (m) => { m.formatVersion = 0.5; }, '$.formatVersion must be integer'],
    ['weights outside the directory', (m) => { (m.files as Record<string, unknown>).weights = '../x'; }, '$.files.weights must name a file inside the model directory'],
    ['state at an absolute path', (m) => { (m.files as Record<string, unknown>).state = '/etc/passwd'; }, '$.files.state must name a file inside the model directory'],
    ['state named ..', (m) => { (m.files as Record<string, unknown>).state = '..'; }, '$.files.state must name a file inside the model directory'],
    ['classification without classes', (m) => { delete m.classes; }, '$.classes is missing'],
    ['unknown column type', (m) => { (m.schema as Record<string, unknown>[])[0].type = 'float'; }, '$.schema[0].type must be one of'],
    ['cv without folds', (m) => { m.evaluation = { method: 'cv' }; }, '$.evaluation.folds is missing'],
    ['bad checksum text', (m) => { (m.files as Record<string, unknown>).weightsSha256 = 'abc'; }, '$.files.weightsSha256 must be a SHA-256 digest'],
  ];
  for (const [what, edit, message] of cases) {
    it(what, () => {
      const err = refusal(damaged(what.replace(/\W+/g, '-'), edit));
      expect(err.message).toContain(message);
      expect(err.message).toMatch(/The file was edited or damaged\. Retrain the model or restore the directory from a copy\.$/);
      expect(err.details.jsonPath).toBe(message.split(' ')[0]);
    });
  }

  it('a stacking ensemble without its meta-learner', () => {
    const err = refusal(damaged('no-meta', (m) => { delete (m.ensemble as Record<string, unknown>).meta; }, dirs.stacking));
    expect(err.message).toContain('$.ensemble.meta is missing');
  });

  it('a newer format version asks for an upgrade, even when the rest would fail this version\'s schema', () => {
    const err = refusal(damaged('newer', (m) => { m.formatVersion = 3; m.task = 'ranking'; delete m.files; }));
    expect(err.message).toMatch(/uses format version 3, newer than this autopipe reads \(2\); upgrade autopipe/);
  });

  it('not an autopipe manifest, or not JSON', () => {
    expect(refusal(damaged('foreign', (m) => { m.format = 'onnx'; })).message).toMatch(/is not an autopipe model manifest/);
    const dir = damaged('not-json', () => {});
    writeFileSync(join(dir, 'manifest.json'), '{"format": "autopipe-model",');
    expect(refusal(dir).message).toMatch(/is not valid JSON/);
  });
});

describe('model files: tampering is detected', () => {
  it('changed weights, changed state, a missing file', () => {
    const w = damaged('weights', () => {});
    writeFileSync(join(w, 'weights.bin'), Buffer.concat([readFileSync(join(w, 'weights.bin')), Buffer.from([0])]));
    expect(refusal(w).message).toMatch(/weights .* do not match their checksum/);
    const s = damaged('state', () => {});
    writeFileSync(join(s, 'state.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(s, 'state.json'), 'utf8')), injected: true }));
    expect(refusal(s).message).toMatch(/state .*state\.json\) does not match its checksum/);
    const gone = damaged('gone', () => {});
    unlinkSync(join(gone, 'state.json'));
    expect(refusal(gone).message).toMatch(/state\.json \(\$\.files\.state\) is missing/);
  });
});

describe('manifest schema: the validator compiled ahead of time', () => {
  it('is the schema as it stands (after editing the schema, run scripts/manifest-validator.mjs)', () => {
    const script = new URL('../scripts/manifest-validator.mjs', import.meta.url);
    const r = spawnSync(process.execPath, [script.pathname, '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('jsonPath', () => {
  it('turns JSON pointers into JSONPath', () => {
    expect(jsonPath('')).toBe('$');
    expect(jsonPath('', 'target')).toBe('$.target');
    expect(jsonPath('/leaderboard/0/params', 'bias')).toBe('$.leaderboard[0].params.bias');
    expect(jsonPath('/params/max depth')).toBe('$.params["max depth"]');
    expect(jsonPath('/a~1b/c~0d')).toBe('$["a/b"]["c~d"]');
  });
});
