import {
  AutopipeError, TOKENS, deriveSeed, fitEstimator, inputError, metricLoss, takeTarget,
  type Candidate, type EstimatorDefinition, type Frame, type Logger, type Matrix, type MetricDefinition, type Task,
} from '@autopipe/core';
import { inject, injectable } from 'tsyringe';
import { prepareTraining, type TrainingData } from './dataset.js';
import { holdout, kFold, type Split } from './folds.js';
import { rankRows, type FailedTrial, type LeaderboardRow } from './leaderboard.js';
import { fitPipeline, fitSteps, applySteps, type FittedPipeline, type FittedSteps } from './pipeline.js';
import { PLAN_TRANSFORMERS, planPreprocessing, type StepSpec } from './planner.js';
import { Registry } from './registry.js';
import { OutOfFold, meanStd, safeScore } from './scoring.js';

export const DEFAULT_METRIC: Readonly<Record<Task, string>> = { binary: 'auc', multiclass: 'log_loss', regression: 'rmse' };
/** Above this many rows a single stratified holdout replaces k-fold CV (k fits per trial cost too much budget). */
export const HOLDOUT_ROWS = 50_000;

export interface TrainOptions {
  readonly frame: Frame;
  readonly target: string;
  readonly task?: Task;
  readonly metric?: string;
  /** Wall-clock seconds for search plus refit. */
  readonly timeBudget: number;
  readonly seed: number;
  readonly folds?: number;
  /** Fraction held out instead of k-fold; chosen automatically for large data. */
  readonly holdout?: number;
  readonly maxTrials?: number;
  readonly estimators?: readonly string[];
  readonly searcher?: string;
  readonly ignore?: readonly string[];
  readonly onProgress?: (p: TrainProgress) => void;
}

export interface TrainProgress {
  readonly metric: string;
  readonly trialsDone: number;
  readonly bestScore: number | null;
  readonly bestEstimator: string | null;
  readonly elapsed: number;
  readonly remaining: number;
  readonly last?: { readonly estimator: string; readonly score: number | null; readonly error?: string };
}

export interface TrainResult {
  readonly data: TrainingData;
  readonly metric: MetricDefinition;
  readonly evaluation: { readonly method: 'cv'; readonly folds: number } | { readonly method: 'holdout'; readonly fraction: number };
  readonly leaderboard: readonly LeaderboardRow[];
  readonly failures: readonly FailedTrial[];
  readonly best: FittedPipeline;
  readonly stoppedBecause: 'time budget' | 'max trials' | 'search space exhausted';
  readonly seconds: { readonly search: number; readonly refit: number; readonly total: number };
  readonly seed: number;
}

/** The AutoML loop: search candidates under cross-validation within a time budget, then refit the best on all data. */
@injectable()
export class Trainer {
  constructor(
    @inject(Registry) private readonly registry: Registry,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async train(o: TrainOptions): Promise<TrainResult> {
    const t0 = Date.now();
    const deadline = t0 + o.timeBudget * 1000;
    if (!(o.timeBudget > 0)) throw inputError('INVALID_ARGUMENT', `--time-budget must be a positive number of seconds (got ${o.timeBudget}).`);
    const data = prepareTraining(o.frame, o.target, { task: o.task, ignore: o.ignore, logger: this.logger });
    for (const d of data.dropped) this.logger.info(`dropping column "${d.column}": ${d.reason}`);
    const metric = this.registry.metric(o.metric ?? DEFAULT_METRIC[data.task]);
    if (!metric.tasks.includes(data.task)) throw inputError('INVALID_ARGUMENT', `Metric "${metric.key}" does not apply to ${data.task} tasks.`, { metric: metric.key });
    const estimators = this.eligible(data.task, o.estimators);
    for (const t of PLAN_TRANSFORMERS) this.registry.transformer(t);

    const n = data.frame.nrow;
    const useHoldout = o.holdout !== undefined || (o.folds === undefined && n > HOLDOUT_ROWS);
    const fraction = o.holdout ?? 0.2;
    const folds = o.folds ?? 5;
    const splits = useHoldout ? holdout(data.y, fraction, deriveSeed(o.seed, 'split')) : kFold(data.y, folds, deriveSeed(o.seed, 'split'));
    const evaluation = useHoldout ? { method: 'holdout' as const, fraction } : { method: 'cv' as const, folds };
    this.logger.info(`task ${data.task}, metric ${metric.key}, ${n} rows × ${data.features.length} features, ${useHoldout ? `holdout ${fraction}` : `${folds}-fold CV`}`);

    const searcher = this.registry.searcher(o.searcher ?? 'random').create(
      { estimators: estimators.map((e) => ({ key: e.key, defaults: e.defaults, space: e.space })) },
      { seed: deriveSeed(o.seed, 'search') },
    );
    const prep = new PrepCache(this.registry, data, splits, o.seed);
    const rows: Omit<LeaderboardRow, 'rank'>[] = [];
    const failures: FailedTrial[] = [];
    let best: { row: Omit<LeaderboardRow, 'rank'>; loss: number } | null = null;
    let stoppedBecause: TrainResult['stoppedBecause'] = 'time budget';

    for (let trial = 1; ; trial++) {
      if (o.maxTrials !== undefined && trial > o.maxTrials) { stoppedBecause = 'max trials'; break; }
      // Keep enough time to refit the leader on all rows: its mean fold time scaled to the full data, plus slack.
      const reserve = best ? (best.row.seconds / splits.length) * (n / splits[0].train.length) * 1.5 + 0.2 : 0;
      if (trial > 1 && Date.now() + reserve >= deadline) break;
      const cand = searcher.ask();
      if (!cand) { stoppedBecause = 'search space exhausted'; break; }
      const def = this.registry.estimator(cand.estimator);
      const started = Date.now();
      try {
        const res = await this.evaluate(def, cand, data, splits, prep, metric, trial, o.seed, trial === 1 ? Infinity : deadline - reserve);
        const seconds = (Date.now() - started) / 1000;
        if (res === 'timeout') {
          searcher.tell({ id: trial, candidate: cand, loss: null, seconds, error: 'stopped by the time budget' });
          break;
        }
        const row = { trial, estimator: cand.estimator, params: cand.params, score: res.score, std: res.std, foldScores: res.foldScores, seconds, steps: res.steps };
        const loss = Number.isFinite(res.score) ? metricLoss(metric, res.score) : Infinity;
        rows.push(row);
        searcher.tell({ id: trial, candidate: cand, loss: Number.isFinite(loss) ? loss : null, seconds });
        if (!best || loss < best.loss) best = { row, loss };
        this.progress(o, metric.key, t0, deadline, rows.length + failures.length, best, { estimator: cand.estimator, score: res.score });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        failures.push({ trial, estimator: cand.estimator, params: cand.params, error: message });
        searcher.tell({ id: trial, candidate: cand, loss: null, seconds: (Date.now() - started) / 1000, error: message });
        this.logger.warn(`trial ${trial} (${cand.estimator}) failed: ${message}`);
        this.progress(o, metric.key, t0, deadline, rows.length + failures.length, best, { estimator: cand.estimator, score: null, error: message });
      }
    }
    if (!best) {
      throw new AutopipeError('INTERNAL', `Every trial failed; the first error was: ${failures[0]?.error ?? 'none ran'}`, { failures });
    }
    const tSearch = Date.now();
    const spec = { steps: best.row.steps, estimator: { key: best.row.estimator, params: best.row.params } };
    const fitted = await fitPipeline(this.registry, spec, data.frame, data.y, { seed: deriveSeed(o.seed, best.row.trial, 'refit'), logger: this.logger });
    const tEnd = Date.now();
    return {
      data, metric, evaluation, failures, best: fitted, stoppedBecause, seed: o.seed,
      leaderboard: rankRows(rows, metric.direction),
      seconds: { search: (tSearch - t0) / 1000, refit: (tEnd - tSearch) / 1000, total: (tEnd - t0) / 1000 },
    };
  }

  private eligible(task: Task, keys?: readonly string[]): EstimatorDefinition[] {
    if (keys?.length) {
      return keys.map((k) => {
        const e = this.registry.estimator(k);
        if (!e.tasks.includes(task)) throw inputError('UNSUPPORTED_TASK', `Estimator "${k}" does not support ${task} tasks (it supports ${e.tasks.join(', ')}).`, { estimator: k });
        return e;
      });
    }
    const all = this.registry.estimators(task);
    if (all.length === 0) throw inputError('UNKNOWN_PLUGIN', `No registered estimator supports ${task} tasks; add an estimator plugin.`);
    return all;
  }

  private async evaluate(def: EstimatorDefinition, cand: Candidate, data: TrainingData, splits: readonly Split[], prep: PrepCache,
    metric: MetricDefinition, trial: number, seed: number, stopAt: number): Promise<{ score: number; std: number; foldScores: number[]; steps: StepSpec[] } | 'timeout'> {
    const steps = planPreprocessing(data.features, def);
    const oof = new OutOfFold(data.y);
    const foldScores: number[] = [];
    for (let f = 0; f < splits.length; f++) {
      if (Date.now() >= stopAt) return 'timeout';
      const { train, valid } = splits[f];
      const { xTrain, xValid } = await prep.get(steps, f);
      const ctx = { seed: deriveSeed(seed, trial, f), logger: this.logger };
      const model = await fitEstimator(def, xTrain, takeTarget(data.y, train), cand.params, ctx);
      const p = model.predict(xValid);
      oof.put(valid, p);
      foldScores.push(safeScore(metric, takeTarget(data.y, valid), p));
    }
    // k-fold: score all out-of-fold predictions at once (every row is predicted once); holdout: the one fold.
    const score = splits.length === 1 ? foldScores[0] : safeScore(metric, data.y, oof.prediction());
    return { score, std: meanStd(foldScores).std, foldScores, steps };
  }

  private progress(o: TrainOptions, metric: string, t0: number, deadline: number, done: number, best: { row: Omit<LeaderboardRow, 'rank'> } | null, last: TrainProgress['last']): void {
    o.onProgress?.({
      metric, trialsDone: done, bestScore: best?.row.score ?? null, bestEstimator: best?.row.estimator ?? null,
      elapsed: (Date.now() - t0) / 1000, remaining: Math.max(0, (deadline - Date.now()) / 1000), last,
    });
  }
}

/** Preprocessing fitted once per (plan, fold) and shared by all trials using that plan. */
class PrepCache {
  private readonly cache = new Map<string, { xTrain: Matrix; xValid: Matrix; fitted: FittedSteps }>();

  constructor(private readonly registry: Registry, private readonly data: TrainingData, private readonly splits: readonly Split[], private readonly seed: number) {}

  async get(steps: readonly StepSpec[], fold: number): Promise<{ xTrain: Matrix; xValid: Matrix }> {
    const key = `${fold}|${JSON.stringify(steps)}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const { train, valid } = this.splits[fold];
    const ctx = { seed: deriveSeed(this.seed, 'prep', fold), logger: { debug() {}, info() {}, warn() {} } };
    const { fitted, x } = await fitSteps(this.registry, steps, this.data.frame.take(train), takeTarget(this.data.y, train), ctx);
    const entry = { xTrain: x, xValid: applySteps(fitted, this.data.frame.take(valid)), fitted };
    this.cache.set(key, entry);
    return entry;
  }
}
