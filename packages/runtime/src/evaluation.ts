import { Rng, deriveSeed, inputError, tooSlowSeconds, takePrediction, takeRows, takeTarget, type Candidate, type Prediction, type EstimatorDefinition, type Logger, type Matrix, type MetricDefinition } from '@autopipe/core';
import type { TrainingData } from './dataset.js';
import { runFoldJob, shareMatrix, type FoldExecutor, type FoldJob, type FoldSpec } from './fold-executor.js';
import type { Split } from './folds.js';
import { applySteps, fitSteps, type FittedSteps } from './pipeline.js';
import { planPreprocessing, type StepSpec } from './planner.js';
import type { Registry } from './registry.js';
import { OutOfFold, meanStd, safeScore } from './scoring.js';

export interface CandidateScore {
  /** Out-of-fold prediction on the scored rows (every row for k-fold, the validation rows for a holdout). */
  readonly oof: Prediction;
  readonly score: number;
  readonly std: number;
  readonly foldScores: number[];
  readonly steps: StepSpec[];
}

/**
 * Scores one candidate on the splits: preprocessing planned from the estimator's capabilities and fitted inside each
 * fold (never on validation rows), the estimator fitted on the fold's training rows, the metric on out-of-fold
 * predictions. Returns 'timeout' when `stopAt` passes between folds.
 */
export async function evaluateCandidate(a: {
  def: EstimatorDefinition; candidate: Candidate; data: TrainingData; splits: readonly Split[]; prep: PrepCache;
  metric: MetricDefinition; trial: number; seed: number; stopAt: number; logger: Logger; available: ReadonlySet<string>;
  executor?: FoldExecutor;
  /** Abandons the trial (the search stopped while it was in flight): it returns 'timeout' as soon as its folds stop. */
  signal?: AbortSignal;
  /** Told the projected seconds of the whole trial when it is stopped early because it could not finish by `stopAt`. */
  onProjected?: (seconds: number) => void;
}): Promise<CandidateScore | 'timeout'> {
  const { def, data, splits, metric } = a;
  const t0 = Date.now();
  // A trial that clearly cannot finish by `stopAt` (projected from the folds done so far) stops now rather than at
  // `stopAt`: the time it would still burn belongs to other trials.
  const hopeless = (projectedMs: number): boolean => {
    if (!Number.isFinite(a.stopAt) || t0 + projectedMs / PROJECTION_MARGIN <= a.stopAt + PROJECTION_SLACK_MS) return false;
    a.onProjected?.(projectedMs / 1000);
    return true;
  };
  const steps = planPreprocessing(data.features, def, a.available, data.frame.nrow);
  const fidelity = a.candidate.fidelity ?? 1;
  if (!(fidelity > 0 && fidelity <= 1)) throw inputError('INVALID_ARGUMENT', `Trial ${a.trial}: fidelity must be in (0, 1], got ${fidelity} (a searcher bug).`);
  // The first round's folds must finish within their share of the trial's time (the share `hopeless` allows a round);
  // a learner that can tell from its own pace that it will not (a forest, after a few trees) stops at once instead
  // of after a whole fold. The share counts from each fold's own start: the second may wait for a slot.
  const parallelism = Math.max(1, a.executor?.parallelism ?? 1);
  const rounds = Math.ceil(splits.length / parallelism);
  const roundShare = Number.isFinite(a.stopAt) && rounds > 1 ? ((a.stopAt + PROJECTION_SLACK_MS - t0) * PROJECTION_MARGIN) / rounds : undefined;
  const spec = (f: number): FoldSpec => ({
    trial: a.trial, fold: f, estimator: def.key, params: a.candidate.params, steps, seed: a.seed,
    ...(fidelity < 1 ? { fidelity } : {}), ...(Number.isFinite(a.stopAt) ? { deadline: a.stopAt } : {}),
    ...(roundShare !== undefined && f < parallelism ? { finishWithin: roundShare } : {}),
  });
  /** A fold that stopped on its own pace: the trial is hopeless, projected from the fold's projection. */
  const tooSlow = (e: unknown): boolean => {
    const fold = tooSlowSeconds(e);
    if (fold === undefined) return false;
    a.onProjected?.(fold * rounds);
    return true;
  };
  const shared = a.executor?.sharedMemory ?? false;
  const materialize = (s: FoldSpec) => () => foldJob(s, data, splits, a.prep, shared);
  const predictions: Prediction[] = [];
  if (!a.executor || a.executor.parallelism <= 1) {
    for (let f = 0; f < splits.length; f++) {
      if (Date.now() >= a.stopAt || a.signal?.aborted) return 'timeout';
      const s = spec(f);
      try {
        predictions.push(a.executor ? await a.executor.run(s, materialize(s)) : await runFoldJob(a.prep.registry, await materialize(s)(), a.logger));
      } catch (e) {
        if (tooSlow(e)) return 'timeout';
        throw e;
      }
      // A learner that saw the deadline may have stopped early: its model is not the configuration asked for.
      if (Date.now() >= a.stopAt) return 'timeout';
      if (f + 1 < splits.length && hopeless(((Date.now() - t0) / (f + 1)) * splits.length)) return 'timeout';
    }
  } else {
    // Fits run concurrently; preprocessing (cached per plan and fold) is materialized on demand by local executors.
    // A job still running well past the trial's deadline is aborted (a worker thread is replaced, a remote job
    // abandoned), so a learner that ignores deadlines cannot stall the search.
    const abort = new AbortController();
    const timer = Number.isFinite(a.stopAt) ? setTimeout(() => abort.abort(), Math.max(0, a.stopAt - Date.now()) + ABORT_GRACE_MS) : undefined;
    const abandon = () => abort.abort();
    if (a.signal?.aborted) abort.abort();
    a.signal?.addEventListener('abort', abandon, { once: true });
    try {
      // Folds run in rounds of `parallelism`; the first fold to finish gives the length of a round.
      let first = true;
      const watch = (p: Promise<Prediction>) => p.then((pred) => {
        if (first) {
          first = false;
          if (rounds > 1 && hopeless((Date.now() - t0) * rounds)) abort.abort();
        }
        return pred;
      });
      predictions.push(...await Promise.all(splits.map((_, f) => { const s = spec(f); return watch(a.executor!.run(s, materialize(s), abort.signal)); })));
    } catch (e) {
      if (abort.signal.aborted) return 'timeout';
      if (tooSlow(e)) {
        abort.abort();
        return 'timeout';
      }
      // The trial has failed: its other folds would only hold worker slots the next trial can use.
      abort.abort();
      throw e;
    } finally {
      if (timer) clearTimeout(timer);
      a.signal?.removeEventListener('abort', abandon);
    }
    if (Date.now() >= a.stopAt || a.signal?.aborted) return 'timeout';
  }
  const oof = new OutOfFold(data.y);
  const foldScores: number[] = [];
  for (let f = 0; f < splits.length; f++) {
    const { valid } = splits[f];
    oof.put(valid, predictions[f]);
    foldScores.push(safeScore(metric, takeTarget(data.y, valid), predictions[f]));
  }
  // k-fold: score all out-of-fold predictions at once (every row is predicted once); holdout: the one fold.
  const all = oof.prediction();
  const prediction = splits.length === 1 ? takePrediction(all, splits[0].valid) : all;
  const score = splits.length === 1 ? foldScores[0] : safeScore(metric, data.y, all);
  return { oof: prediction, score, std: meanStd(foldScores).std, foldScores, steps };
}

/**
 * The data of one fold fit, from its spec: the fold's preprocessed matrices (fitted on the fold's training rows only),
 * subsampled for reduced fidelity. Any process holding the same data, splits and registry builds the same job, which
 * is how remote workers redo a fold bit for bit.
 */
export async function foldJob(spec: FoldSpec, data: TrainingData, splits: readonly Split[], prep: PrepCache, shared = false): Promise<FoldJob> {
  const { train } = splits[spec.fold];
  const { xTrain, xValid } = await prep.get(spec.steps, spec.fold, shared);
  let xFit = xTrain;
  let yFit = takeTarget(data.y, train);
  if (spec.fidelity !== undefined && spec.fidelity < 1) {
    const rows = fidelityRows(train.length, spec.fidelity, deriveSeed(spec.seed, spec.trial, spec.fold, 'fidelity'));
    xFit = takeRows(xTrain, rows);
    yFit = takeTarget(yFit, rows);
  }
  return {
    estimator: spec.estimator, params: spec.params, xTrain: xFit, yTrain: yFit, xValid, seed: deriveSeed(spec.seed, spec.trial, spec.fold),
    ...(spec.deadline !== undefined ? { deadline: spec.deadline } : {}),
    ...(spec.finishWithin !== undefined ? { finishBy: Date.now() + spec.finishWithin } : {}),
  };
}

/** A trial is stopped early only when even its projection divided by this factor, less the slack, ends after `stopAt`. */
const PROJECTION_MARGIN = 1.25;
const PROJECTION_SLACK_MS = 500;

/** How long past its trial's deadline a fold job on a worker may run before it is aborted. */
const ABORT_GRACE_MS = 2000;

/** Fewest rows a reduced-fidelity fit gets, so tiny fractions still fit something meaningful. */
const MIN_FIDELITY_ROWS = 30;

/** A uniform sample of round(n · fidelity) of n row positions, sorted (selection sampling, Knuth's algorithm S). */
export function fidelityRows(n: number, fidelity: number, seed: number): Int32Array {
  const want = Math.min(n, Math.max(MIN_FIDELITY_ROWS, Math.round(n * fidelity)));
  const out = new Int32Array(want);
  const rng = new Rng(seed);
  let taken = 0;
  for (let i = 0; i < n && taken < want; i++) if (rng.next() * (n - i) < want - taken) out[taken++] = i;
  return out;
}

/** Preprocessing fitted once per (plan, fold) and shared by all trials using that plan. */
export class PrepCache {
  private readonly cache = new Map<string, Promise<{ xTrain: Matrix; xValid: Matrix; fitted: FittedSteps }>>();

  constructor(readonly registry: Registry, private readonly data: TrainingData, private readonly splits: readonly Split[], private readonly seed: number) {}

  /** `shared`: keep the matrices in shared memory, for executors that post them to worker threads. */
  async get(steps: readonly StepSpec[], fold: number, shared = false): Promise<{ xTrain: Matrix; xValid: Matrix }> {
    const key = `${fold}|${JSON.stringify(steps)}`;
    // The promise is cached, so folds of two trials in flight with one plan fit it once.
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.fit(steps, fold, shared);
      this.cache.set(key, hit);
      // A failed fit is not cached: the next trial with the plan tries again and reports its own error.
      hit.catch(() => this.cache.delete(key));
    }
    return hit;
  }

  private async fit(steps: readonly StepSpec[], fold: number, shared: boolean): Promise<{ xTrain: Matrix; xValid: Matrix; fitted: FittedSteps }> {
    const { train, valid } = this.splits[fold];
    const ctx = { seed: deriveSeed(this.seed, 'prep', fold), logger: { debug() {}, info() {}, warn() {} } };
    const { fitted, x } = await fitSteps(this.registry, steps, this.data.frame.take(train), takeTarget(this.data.y, train), ctx);
    const xValid = applySteps(fitted, this.data.frame.take(valid));
    return shared ? { xTrain: shareMatrix(x), xValid: shareMatrix(xValid), fitted } : { xTrain: x, xValid, fitted };
  }
}
