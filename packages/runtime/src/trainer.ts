import {
  AutopipeError, TOKENS, deriveSeed, inputError, isAutopipeError, metricLoss, takeTarget,
  type Candidate, type EstimatorDefinition, type Frame, type Logger, type MetricDefinition, type Params, type Prediction, type Task,
} from '@autopipe/core';
import { inject, injectable } from 'tsyringe';
import { prepareTraining, withoutColumns, type TrainingData } from './dataset.js';
import { inspectFrame } from './quality.js';
import { holdout, repeatedKFold, type Split } from './folds.js';
import { rankRows, type FailedTrial, type LeaderboardRow } from './leaderboard.js';
import { evaluateCandidate, PrepCache, type CandidateScore } from './evaluation.js';
import type { FoldExecutor } from './fold-executor.js';
import { FoldQueue } from './fold-queue.js';
import type { OofRecord } from './ensemble.js';
import { ENSEMBLE_RESERVE, chooseEnsemble, rowOf } from './ensemble-choice.js';
import { fitPipeline, type FittedPipeline } from './pipeline.js';
import type { FittedPredictor } from './predictor.js';
import { REQUIRED_TRANSFORMERS, unplannable, type StepSpec } from './planner.js';
import { Registry } from './registry.js';

/** The cost-frugal searcher when registered; plain random search otherwise. */
export const DEFAULT_SEARCHER = 'cfo';
export const DEFAULT_METRIC: Readonly<Record<Task, string>> = { binary: 'auc', multiclass: 'log_loss', regression: 'rmse' };
/** Above this many rows a single stratified holdout replaces k-fold CV (k fits per trial cost too much budget). */
export const HOLDOUT_ROWS = 50_000;
/** Trials whose out-of-fold predictions are kept for ensemble selection. */
const LIBRARY_SIZE = 12;

/**
 * The trial time a searcher is told. Cost-aware searchers steer by it; measured wall time differs between runs, so
 * with a trial budget (`--max-trials`, the reproducible mode) they are told the estimator's declared relative cost,
 * scaled to the configuration (`costScale`), instead and the same seed gives the same leaderboard. Without the
 * scaling a 256-128 network cost the searcher what the default one did, and one blood-transfusion run of 600 trials
 * spent 278 of its 288 s on 35 MLP trials. Under a pure time budget the real time is more useful.
 */
function reportedSeconds(o: TrainOptions, def: EstimatorDefinition, params: Params, shape: { rows: number; features: number; task: Task }, measured: number): number {
  if (o.maxTrials === undefined) return measured;
  const scale = def.costScale?.(params, shape) ?? 1;
  return (relativeCost(def, shape.rows) * (Number.isFinite(scale) && scale > 0 ? scale : 1)) / 100;
}

/**
 * An estimator's declared cost at this many rows: the declared cost is relative at the rows it was measured at,
 * and a learner whose cost grows with the square of the rows (kNN) grows by one more factor of the rows.
 */
function relativeCost(e: EstimatorDefinition, nrow: number): number {
  return (e.cost ?? 1) * (e.costGrowth === 'quadratic' ? Math.max(1, nrow / COST_REFERENCE_ROWS) : 1);
}

/**
 * The largest share of the time budget one trial may take (never less than `MIN_TRIAL_CAP` seconds): a slow learner's
 * first trial on larger data (a deep forest, a wide MLP) must not eat the budget the others need. The first trial is
 * exempt, so every run has a result.
 */
const MAX_TRIAL_SHARE = 0.25;
const MIN_TRIAL_CAP = 10;

/** Consecutive skipped asks after which the search stops: nothing affordable is left. */
const MAX_SKIPS = 25;

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Expected seconds of a trial of `def`: the median of its own trials, else declared cost × seconds per unit cost. */
function estimateSeconds(rows: readonly Omit<LeaderboardRow, 'rank'>[], def: EstimatorDefinition, registry: Registry, nrow: number): number | undefined {
  const full = (r: Omit<LeaderboardRow, 'rank'>) => !r.members && (r.fidelity ?? 1) === 1;
  const own = rows.filter((r) => r.estimator === def.key && full(r)).map((r) => r.seconds);
  if (own.length) return median(own);
  const unit = rows.filter(full).map((r) => r.seconds / relativeCost(registry.estimator(r.estimator), nrow));
  return unit.length ? median(unit) * relativeCost(def, nrow) : undefined;
}

/** Rows at which a quadratic learner's declared cost holds (tools/bench/costs.mjs divides by the same). */
const COST_REFERENCE_ROWS = 2000;

function hasNegativeFeature(data: TrainingData): boolean {
  for (const c of data.features) {
    if (c.type !== 'numeric') continue;
    const col = data.frame.numeric(c.name);
    for (let i = 0; i < col.length; i++) if (col[i] < 0) return true;
  }
  return false;
}

/** Inserts into a list kept sorted by loss (ties: earlier trial), capped at `size`. */
function keepTop(list: OofRecord[], rec: OofRecord, size: number): void {
  let i = list.length;
  while (i > 0 && (list[i - 1].loss > rec.loss || (list[i - 1].loss === rec.loss && list[i - 1].trial > rec.trial))) i--;
  if (i >= size) return;
  list.splice(i, 0, rec);
  if (list.length > size) list.pop();
}

/** The library plus each family's best trial not already in it, sorted by loss (ties: earlier trial). */
export function withFamilyBests(library: readonly OofRecord[], bests: Iterable<OofRecord>): OofRecord[] {
  const have = new Set(library.map((r) => r.trial));
  return [...library, ...[...bests].filter((r) => !have.has(r.trial))].sort((a, b) => a.loss - b.loss || a.trial - b.trial);
}

/** A trial asked of the searcher and judged affordable, with the refit reserve (ms) when it was asked. */
interface Asked {
  readonly trial: number;
  readonly cand: Candidate;
  readonly def: EstimatorDefinition;
  /** How the trial's cost scales with its fidelity. */
  readonly scale: number;
  readonly reserve: number;
}

/** A launched trial: its clocks, and its result once settled (with the time it settled). */
interface Running extends Asked {
  readonly started: number;
  readonly capAt: number;
  readonly stopAt: number;
  readonly replayed: TrialRecord | undefined;
  /** Abandons the trial when the search stops while it is in flight. */
  readonly abort: AbortController;
  projected?: number;
  done: Promise<{ value: CandidateScore | 'timeout'; at: number } | { error: unknown; at: number }>;
}

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
  /**
   * Rounds of k-fold CV with different shuffles (default 1); out-of-fold predictions average over the rounds. Measured
   * on small data (credit-g, kc1; 200 trials, 3 splits) 3 rounds did not pick better models than one, at 3× the cost
   * per trial, so it is not the default.
   */
  readonly repeats?: number;
  readonly maxTrials?: number;
  readonly estimators?: readonly string[];
  readonly searcher?: string;
  readonly ignore?: readonly string[];
  /** Stop when this many trials in a row have not improved the best score. */
  readonly earlyStoppingRounds?: number;
  /** Seconds after which a trial is abandoned (checked between folds and by learners through the context deadline). */
  readonly trialTimeout?: number;
  /** Try a greedy ensemble of the best trials (default true); it is kept only when its CV score is better. */
  readonly ensemble?: boolean;
  readonly onProgress?: (p: TrainProgress) => void;
  /** Told about every finished trial as it finishes (an experiment store records them). */
  readonly observer?: RunObserver;
  /**
   * Where fold fits run (worker threads, remote workers); in this thread when absent. Folds of a trial run concurrently,
   * and with more than one slot the next trial's folds fill the slots the current one leaves idle; the searcher is asked
   * and told in the same order in every mode, so the leaderboard for a seed does not depend on the executor.
   */
  readonly executor?: FoldExecutor;
  /** Finished trials of an interrupted run with the same data, options and seed, by trial number, to replay. */
  readonly replay?: ReadonlyMap<number, TrialRecord>;
}

/** One finished trial as an experiment store keeps it: enough to replay it without refitting. */
export interface TrialRecord {
  readonly trial: number;
  readonly candidate: Candidate;
  readonly status: 'ok' | 'failed' | 'timeout';
  readonly seconds: number;
  readonly score?: number;
  readonly std?: number;
  readonly foldScores?: readonly number[];
  readonly steps?: readonly StepSpec[];
  /** Out-of-fold prediction on the scored rows (for ensembles). */
  readonly oof?: Prediction;
  readonly error?: string;
}

export interface RunObserver {
  trial(record: TrialRecord): void;
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

/** How candidates were scored: k-fold CV, one holdout split, or not at all (a single fit without --cv). */
export type EvaluationMethod = { readonly method: 'cv'; readonly folds: number; readonly repeats?: number } | { readonly method: 'holdout'; readonly fraction: number } | { readonly method: 'none' };

/** For logs: "5-fold CV", "5-fold CV × 3 repeats", "holdout 0.2" or "no CV". */
export function describeEvaluation(e: EvaluationMethod): string {
  if (e.method === 'cv') return `${e.folds}-fold CV${e.repeats && e.repeats > 1 ? ` × ${e.repeats} repeats` : ''}`;
  return e.method === 'holdout' ? `holdout ${e.fraction}` : 'no CV';
}

export interface TrainResult {
  readonly data: TrainingData;
  readonly metric: MetricDefinition;
  readonly evaluation: EvaluationMethod;
  readonly leaderboard: readonly LeaderboardRow[];
  readonly failures: readonly FailedTrial[];
  /** What gets saved: the best single pipeline or an ensemble of refitted pipelines. */
  readonly final: FittedPredictor;
  /** The best single trial's pipeline, refitted on all rows. */
  readonly bestSingle: FittedPipeline;
  readonly stoppedBecause: 'time budget' | 'max trials' | 'no improvement' | 'search space exhausted' | 'single fit';
  readonly seconds: { readonly search: number; readonly refit: number; readonly total: number };
  readonly seed: number;
  /** Data-quality findings shown before training (leakage suspects, duplicates, imbalance, ...). */
  readonly dataWarnings?: readonly string[];
}

/** What fixes a run's data and splits: the same options on the same frame give the same folds in any process. */
export type RunDataOptions = Pick<TrainOptions, 'frame' | 'target' | 'task' | 'ignore' | 'folds' | 'holdout' | 'repeats' | 'seed'>;

/**
 * The training data as the search sees it (features, target, columns no plan can use left out) and its seeded splits:
 * k-fold CV, or one stratified holdout for large data. Remote workers call this on the same source to redo folds.
 */
export function prepareRun(registry: Registry, o: RunDataOptions, logger: Logger): { data: TrainingData; splits: Split[]; evaluation: EvaluationMethod; available: Set<string> } {
  const available = new Set(registry.all<{ key: string }>('transformer').map((t) => t.key));
  const prepared = prepareTraining(o.frame, o.target, { task: o.task, ignore: o.ignore, logger });
  const data = withoutColumns(prepared, unplannable(prepared.features, available));
  const n = data.frame.nrow;
  const useHoldout = o.holdout !== undefined || (o.folds === undefined && n > HOLDOUT_ROWS);
  const fraction = o.holdout ?? 0.2;
  const folds = o.folds ?? 5;
  const repeats = o.repeats ?? 1;
  const splits = useHoldout ? holdout(data.y, fraction, deriveSeed(o.seed, 'split')) : repeatedKFold(data.y, folds, repeats, deriveSeed(o.seed, 'split'));
  const evaluation: EvaluationMethod = useHoldout ? { method: 'holdout', fraction } : repeats > 1 ? { method: 'cv', folds, repeats } : { method: 'cv', folds };
  return { data, splits, evaluation, available };
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
    const { data, splits, evaluation, available } = prepareRun(this.registry, o, this.logger);
    for (const d of data.dropped) this.logger.info(`dropping column "${d.column}": ${d.reason}`);
    // The data-quality report runs before any budget is spent; what dropping already explains is not repeated.
    const quality = inspectFrame(o.frame.drop(o.ignore ?? []), o.target);
    const dataWarnings = quality.warnings.filter((w) => !/: (constant|identifier-like|all missing)/.test(w));
    for (const w of dataWarnings) this.logger.warn(w);
    const metric = this.registry.metric(o.metric ?? DEFAULT_METRIC[data.task]);
    if (!metric.tasks.includes(data.task)) throw inputError('INVALID_ARGUMENT', `Metric "${metric.key}" does not apply to ${data.task} tasks.`, { metric: metric.key });
    const estimators = this.eligible(data, o.estimators);
    for (const t of REQUIRED_TRANSFORMERS) this.registry.transformer(t);

    const n = data.frame.nrow;
    const shape = { rows: n, features: data.features.length, task: data.task };
    this.logger.info(`task ${data.task}, metric ${metric.key}, ${n} rows × ${data.features.length} features, ${describeEvaluation(evaluation)}`);

    const searcherKey = o.searcher ?? (this.registry.all<{ key: string }>('searcher').some((x) => x.key === DEFAULT_SEARCHER) ? DEFAULT_SEARCHER : 'random');
    const searcher = this.registry.searcher(searcherKey).create(
      { estimators: estimators.map((e) => ({ key: e.key, defaults: e.defaults, space: e.space, portfolio: (e.portfolio ?? []).map((p) => ({ ...e.defaults, ...p }) as Params), ...(e.cost !== undefined ? { cost: relativeCost(e, n) } : {}) })) },
      { seed: deriveSeed(o.seed, 'search') },
    );
    const prep = new PrepCache(this.registry, data, splits, o.seed);
    const rows: Omit<LeaderboardRow, 'rank'>[] = [];
    const failures: FailedTrial[] = [];
    // The first failed trial's error, and how many failures were input errors with its code: when that is all of
    // them, the user's input (e.g. data a remote worker cannot read) is the cause, not a bug.
    let firstFailure: unknown;
    let sameInputFailures = 0;
    const library: OofRecord[] = [];
    // The best trial of each learner family: many near-identical variants of one family can fill the top of the
    // library, and the ensemble then cannot reach the other families' different errors.
    const familyBest = new Map<string, OofRecord>();
    // Declared by a cast: it is assigned in the closures below, which TypeScript's narrowing does not follow.
    let best = null as { row: Omit<LeaderboardRow, 'rank'>; loss: number } | null;
    let sinceImprovement = 0;
    let skipped = 0;
    let stoppedBecause: TrainResult['stoppedBecause'] = 'time budget';
    // Seconds after which a trial was stopped for taking too long, by estimator: a lower bound for its next trials.
    const tooSlow = new Map<string, number>();
    const trialCap = Math.max(MIN_TRIAL_CAP, MAX_TRIAL_SHARE * o.timeBudget);
    // Estimated seconds to refit a trial's pipeline on all rows: its mean fold time scaled to the full data.
    const refitCost = (r: Omit<LeaderboardRow, 'rank'>) => (r.seconds / splits.length) * (n / splits[0].train.length);

    // Keep time to refit what would be saved: the leader and, for an ensemble, the next few library members.
    // Ensemble selection scores the library many times over: keep a slice of the budget for it too. In milliseconds.
    const selection = o.ensemble === false ? 0 : Math.min(3, 0.1 * o.timeBudget);
    const reserveMs = () => (best ? (1.5 * library.slice(0, ENSEMBLE_RESERVE).reduce((a, r) => a + refitCost(rowOf(rows, r.trial)), 0) + 0.2 + selection) * 1000 : 0);
    // One-trial lookahead: with several fold slots, the next trial is asked and its folds queued behind this one's
    // (first in, first out), so they fill the slots this trial's last round and its scoring leave idle. The next trial
    // is asked before this one is told in every mode, so the searcher sees the same calls in the same order whatever
    // runs the folds, and whichever fold finishes first: the same seed and trial budget give the same leaderboard.
    const queue = o.executor && o.executor.parallelism > 1 ? new FoldQueue(o.executor) : undefined;
    const executor = queue ?? o.executor;

    /** Asks for trial `from` (or, after skipped asks, a later one), or says why the search stops. */
    const askNext = (from: number): Asked | { stop: TrainResult['stoppedBecause']; trial: number } => {
      for (let trial = from; ; trial++) {
        if (o.maxTrials !== undefined && trial > o.maxTrials) return { stop: 'max trials', trial };
        const reserve = reserveMs();
        if (trial > 1 && Date.now() + reserve >= deadline) {
          this.logger.debug(`search stops with ${((deadline - Date.now()) / 1000).toFixed(1)}s left, ${(reserve / 1000).toFixed(1)}s reserved for refit and ensembles`);
          return { stop: 'time budget', trial };
        }
        const cand = searcher.ask();
        if (!cand) return { stop: 'search space exhausted', trial };
        const def = this.registry.estimator(cand.estimator);
        // Under a time budget, a trial that cannot finish in the time left is not started: it would only be cut off
        // (a fold that runs past the deadline cannot be interrupted). Estimate from this learner's own trials, else from
        // the seconds per unit of declared cost measured so far (the trial in flight, if any, is not counted yet).
        // A reduced-fidelity trial fits on that fraction of the rows: its cost scales with it (squared for kNN).
        const f = cand.fidelity ?? 1;
        const scale = def.costGrowth === 'quadratic' ? f * f : f;
        const estimate = o.maxTrials === undefined && trial > 1 ? estimateSeconds(rows, def, this.registry, n) : undefined;
        const full = tooSlow.has(def.key) ? Math.max(estimate ?? 0, tooSlow.get(def.key)!) : estimate;
        const expected = full === undefined ? undefined : full * scale;
        const unaffordable = expected !== undefined && (Date.now() + expected * 1000 > deadline - reserve || expected > trialCap);
        if (unaffordable) {
          searcher.tell({ id: trial, candidate: cand, loss: null, seconds: expected, error: 'skipped: would not finish in the time left' });
          this.logger.debug(`skipping ${cand.estimator}: ~${expected.toFixed(1)}s expected, ${(Math.min(trialCap, (deadline - reserve - Date.now()) / 1000)).toFixed(1)}s allowed`);
          if (++skipped >= MAX_SKIPS) return { stop: 'time budget', trial };
          continue;
        }
        skipped = 0;
        return { trial, cand, def, scale, reserve };
      }
    };

    /**
     * Starts an asked trial: its folds go to the executor (queued behind the trial in flight, if any), or a replayed
     * result is taken. The trial's clock starts here, when a fold slot is free for it, not when it was asked.
     */
    const launch = (a: Asked): Running => {
      const { trial, cand, def, reserve } = a;
      const started = Date.now();
      // Under --max-trials (the reproducible mode) no trial is cut short by the clock except by --trial-timeout.
      const capAt = trial === 1 || o.maxTrials !== undefined ? Infinity : started + trialCap * 1000;
      const stopAt = Math.min(trial === 1 ? Infinity : deadline - reserve, capAt, o.trialTimeout ? started + o.trialTimeout * 1000 : Infinity);
      // A resumed run replays the trials its interrupted predecessor finished: same seed, same asks, no refitting.
      const cached = o.replay?.get(trial);
      // Timed-out trials are evaluated again: the budget, not the configuration, stopped them.
      const replayed = cached && cached.status !== 'timeout' && JSON.stringify(cached.candidate) === JSON.stringify(cand) ? cached : undefined;
      const abort = new AbortController();
      const r: Running = { ...a, started, capAt, stopAt, replayed, abort, done: undefined! };
      const evaluate = async (): Promise<CandidateScore | 'timeout'> => {
        if (replayed?.status === 'failed') throw new Error(replayed.error ?? 'failed');
        if (replayed?.status === 'ok') return { score: replayed.score!, std: replayed.std!, foldScores: [...replayed.foldScores!], steps: [...replayed.steps!], oof: replayed.oof! };
        return evaluateCandidate({ def, candidate: cand, data, splits, prep, metric, trial, seed: o.seed, stopAt, logger: this.logger, available, ...(executor ? { executor } : {}),
          signal: abort.signal, onProjected: (sec) => { r.projected = sec; } });
      };
      // Settled here, with the time it finished: the trial may be told only after the next one was asked.
      r.done = evaluate().then((value) => ({ value, at: Date.now() }), (error: unknown) => ({ error, at: Date.now() }));
      return r;
    };

    /** Records and tells a finished trial; false when the search must stop (the time budget ran out). */
    const settle = async (r: Running): Promise<boolean> => {
      const { trial, cand, def, scale, started, capAt, stopAt, replayed, reserve } = r;
      const out = await r.done;
      const at = out.at;
      const elapsed = replayed ? replayed.seconds : (at - started) / 1000;
      try {
        if ('error' in out) throw out.error;
        const res = out.value;
        const seconds = elapsed;
        if (res === 'timeout') {
          const why = r.projected !== undefined ? `stopped early: projected ${r.projected.toFixed(1)}s, more than the ${((stopAt - started) / 1000).toFixed(1)}s it was allowed`
            : at >= deadline - reserve ? 'stopped by the time budget'
              : at >= capAt ? `stopped after ${trialCap.toFixed(0)}s, the most one trial may take of a ${o.timeBudget}s budget` : `exceeded --trial-timeout ${o.trialTimeout}s`;
          if (r.projected !== undefined || at >= capAt) tooSlow.set(def.key, Math.max(tooSlow.get(def.key) ?? 0, (r.projected ?? seconds) / scale));
          failures.push({ trial, estimator: cand.estimator, params: cand.params, error: why });
          this.logger.info(`trial ${trial} (${cand.estimator}) ${why}`);
          searcher.tell({ id: trial, candidate: cand, loss: null, seconds, error: why });
          o.observer?.trial({ trial, candidate: cand, status: 'timeout', seconds, error: why });
          return Date.now() < deadline - reserve;
        }
        if (!replayed) o.observer?.trial({ trial, candidate: cand, status: 'ok', score: res.score, std: res.std, foldScores: res.foldScores, steps: res.steps, oof: res.oof, seconds });
        const partial = cand.fidelity !== undefined && cand.fidelity < 1;
        const row = { trial, estimator: cand.estimator, params: cand.params, score: res.score, std: res.std, foldScores: res.foldScores, seconds, steps: res.steps, ...(partial ? { fidelity: cand.fidelity } : {}) };
        const loss = Number.isFinite(res.score) ? metricLoss(metric, res.score) : Infinity;
        rows.push(row);
        searcher.tell({ id: trial, candidate: cand, loss: Number.isFinite(loss) ? loss : null, seconds: reportedSeconds(o, def, cand.params, shape, seconds) });
        // Reduced-fidelity scores steer the searcher only: the leader and the ensemble library are full fits.
        if (partial) {
          this.progress(o, metric.key, t0, deadline, rows.length + failures.length, best, { estimator: cand.estimator, score: res.score });
          return true;
        }
        if (Number.isFinite(loss)) {
          const rec = { trial, loss, prediction: res.oof };
          keepTop(library, rec, LIBRARY_SIZE);
          const fam = familyBest.get(cand.estimator);
          if (!fam || loss < fam.loss) familyBest.set(cand.estimator, rec);
        }
        sinceImprovement++;
        if (!best || loss < best.loss) {
          best = { row, loss };
          sinceImprovement = 0;
        }
        this.progress(o, metric.key, t0, deadline, rows.length + failures.length, best, { estimator: cand.estimator, score: res.score });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (failures.length === 0) firstFailure = e;
        if (isAutopipeError(e) && e.category === 'input' && isAutopipeError(firstFailure) && e.code === firstFailure.code) sameInputFailures++;
        if (!replayed) o.observer?.trial({ trial, candidate: cand, status: 'failed', seconds: elapsed, error: message });
        failures.push({ trial, estimator: cand.estimator, params: cand.params, error: message });
        searcher.tell({ id: trial, candidate: cand, loss: null, seconds: reportedSeconds(o, def, cand.params, shape, elapsed), error: message });
        this.logger.warn(`trial ${trial} (${cand.estimator}) failed: ${message}`);
        this.progress(o, metric.key, t0, deadline, rows.length + failures.length, best, { estimator: cand.estimator, score: null, error: message });
      }
      return true;
    };

    // ask(1); then for each trial t: [a fold slot idles, or t is done] ask(t+1), [t done] tell(t), stop or go on.
    let asked = askNext(1);
    let running = 'stop' in asked ? undefined : launch(asked);
    if ('stop' in asked) stoppedBecause = asked.stop;
    while (running) {
      const current = running;
      running = undefined;
      if (queue) await Promise.race([queue.idle(), current.done]);
      else await current.done;
      asked = askNext(current.trial + 1);
      const ahead = queue && !('stop' in asked) ? launch(asked) : undefined;
      const go = await settle(current);
      const early = o.earlyStoppingRounds !== undefined && sinceImprovement >= o.earlyStoppingRounds;
      // The time budget as the next ask would see it, now that this trial's result (and the reserve it adds) is in.
      const late = Date.now() + reserveMs() >= deadline;
      const stop: TrainResult['stoppedBecause'] | undefined = !go ? 'time budget'
        : 'stop' in asked && asked.stop === 'max trials' ? 'max trials'
          : early ? 'no improvement'
            : late || ('stop' in asked && asked.stop === 'time budget') ? 'time budget' : undefined;
      if (stop) {
        stoppedBecause = stop;
        if (ahead) ahead.abort.abort();
        break;
      }
      // Asked while a trial was in flight and not yet told, a searcher may have had nothing left that it has now.
      if ('stop' in asked) asked = askNext(asked.trial);
      if ('stop' in asked) {
        stoppedBecause = asked.stop;
        break;
      }
      running = ahead ?? launch(asked);
    }
    // No fold of an abandoned trial may run on into the refit.
    await queue?.drained();
    if (!best) {
      if (isAutopipeError(firstFailure) && sameInputFailures === failures.length) {
        throw new AutopipeError(firstFailure.code, `Every trial failed: ${firstFailure.message}`, { ...firstFailure.details, failures });
      }
      throw new AutopipeError('INTERNAL', `Every trial failed; the first error was: ${failures[0]?.error ?? 'none ran'}`, { failures });
    }
    const tSearch = Date.now();
    const refit = (r: Omit<LeaderboardRow, 'rank'>) => fitPipeline(this.registry, { steps: r.steps, estimator: { key: r.estimator, params: r.params } }, data.frame, data.y,
      { seed: deriveSeed(o.seed, r.trial, 'refit'), logger: this.logger });
    const bestSingle = await refit(best.row);
    let final: FittedPredictor = { kind: 'pipeline', trial: best.row.trial, pipeline: bestSingle };
    const scoredY = splits.length === 1 ? takeTarget(data.y, splits[0].valid) : data.y;
    const diverse = withFamilyBests(library, familyBest.values());
    if (o.ensemble !== false && diverse.length >= 2) {
      final = await chooseEnsemble(this.registry, this.logger, { library: diverse, rows, best, bestSingle, scoredY, metric, deadline, seed: o.seed, refit, refitCost, tSearch, task: data.task }) ?? final;
    }
    const tEnd = Date.now();
    return {
      data, metric, evaluation, failures, final, bestSingle, stoppedBecause, seed: o.seed, dataWarnings,
      leaderboard: rankRows(rows, metric.direction),
      seconds: { search: (tSearch - t0) / 1000, refit: (tEnd - tSearch) / 1000, total: (tEnd - t0) / 1000 },
    };
  }

  private eligible(data: TrainingData, keys?: readonly string[]): EstimatorDefinition[] {
    const task = data.task;
    if (keys?.length) {
      return keys.map((k) => {
        const e = this.registry.estimator(k);
        if (!e.tasks.includes(task)) throw inputError('UNSUPPORTED_TASK', `Estimator "${k}" does not support ${task} tasks (it supports ${e.tasks.join(', ')}).`, { estimator: k });
        return e;
      });
    }
    const all = this.registry.estimators(task);
    if (all.length === 0) throw inputError('UNKNOWN_PLUGIN', `No registered estimator supports ${task} tasks; add an estimator plugin.`);
    // Estimators that need non-negative inputs only join the search when every numeric feature is non-negative.
    const negative = hasNegativeFeature(data);
    const usable = all.filter((e) => !(negative && e.capabilities.includes('non-negative')));
    for (const e of all) if (!usable.includes(e)) this.logger.debug(`skipping ${e.key}: it needs non-negative features`);
    return usable;
  }

  private progress(o: TrainOptions, metric: string, t0: number, deadline: number, done: number, best: { row: Omit<LeaderboardRow, 'rank'> } | null, last: TrainProgress['last']): void {
    o.onProgress?.({
      metric, trialsDone: done, bestScore: best?.row.score ?? null, bestEstimator: best?.row.estimator ?? null,
      elapsed: (Date.now() - t0) / 1000, remaining: Math.max(0, (deadline - Date.now()) / 1000), last,
    });
  }
}

