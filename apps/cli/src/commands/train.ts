import type { Command } from 'commander';
import { inputError, type ColumnType, type Task } from '@autopipe/core';
import { PluginHost, Registry, Trainer, readLabelledSource, redactSource, saveTrainResult, type FoldExecutor } from '@autopipe/runtime';
import { evaluationLabel, fmtScore, leaderboardTable } from '../format.js';
import { ProgressView } from '../progress.js';
import { dataOptions } from '../data-options.js';
import { defaultModelName, openRuntime, printJson, type GlobalOptions } from '../runtime.js';
import { list, nonNegativeInt, positiveInt, positiveNumber, task, types } from './options.js';
import { beginRun, planRun } from '../store.js';
import { WorkerPoolExecutor, defaultWorkers } from '../worker-pool.js';

interface TrainFlags extends GlobalOptions {
  target?: string; timeBudget: number; seed: number; out?: string; metric?: string; folds?: number; holdout?: number;
  maxTrials?: number; earlyStoppingRounds?: number; trialTimeout?: number; ensemble: boolean; estimators?: string[]; searcher?: string; task?: Task; ignore?: string[]; format?: string; query?: string;
  missing?: string[]; types?: Record<string, ColumnType>; progress: boolean; store?: string | false; resume?: string; workers?: number; redis?: string;
}

export function registerTrain(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('train')
    .description('search for the best pipeline within a time budget, refit it on all data, and save it')
    .argument('[source]', 'training data (CSV/TSV file); optional with --resume')
    // Required unless --resume (checked in planRun with the same message commander would give).
    .option('-t, --target <column>', 'the column to predict (required)')
    .option('-b, --time-budget <seconds>', 'wall-clock budget for search and refit', positiveNumber('--time-budget'), 60)
    .option('-s, --seed <n>', 'seed for every random choice', nonNegativeInt, 1)
    .option('-o, --out <dir>', 'model directory to write (default: models/<data file name>)')
    .option('-m, --metric <key>', 'metric to optimize (default: auc for binary, log_loss for multiclass, rmse for regression)')
    .option('--folds <k>', 'cross-validation folds (default 5; holdout above 50,000 rows)', positiveInt('--folds'))
    .option('--holdout <fraction>', 'evaluate on one stratified holdout split of this fraction instead of k-fold', positiveNumber('--holdout'))
    .option('--max-trials <n>', 'stop after this many trials', positiveInt('--max-trials'))
    .option('--early-stopping-rounds <n>', 'stop when this many trials in a row have not improved the best score', positiveInt('--early-stopping-rounds'))
    .option('--trial-timeout <seconds>', 'abandon a trial that runs longer than this', positiveNumber('--trial-timeout'))
    .option('--no-ensemble', 'do not try an ensemble of the best trials')
    .option('--estimators <keys>', 'comma-separated estimator keys to search (default: all that fit the task)', list)
    .option('--searcher <key>', 'searcher plugin: cfo (cost-frugal, the default), tpe, random, asha or hyperband (multi-fidelity)')
    .option('--task <task>', 'override the inferred task: binary, multiclass or regression', task)
    .option('--ignore <columns>', 'comma-separated columns to leave out', list)
    .option('--types <col=type,...>', 'override inferred column types', types)
    .option('--missing <markers>', 'comma-separated cell values read as missing (replaces the defaults)', (v: string) => v.split(','))
    .option('--query <sql>', 'SQL query to read instead of a table (database sources)')
    .option('--format <key>', 'ingestor to read the source with (default: by extension)')
    .option('--store <path|uri>', 'experiment store: a SQLite file or postgres:// URI (default: .autopipe/experiments.sqlite beside --out, or $AUTOPIPE_STORE)')
    .option('--no-store', 'do not record the run')
    .option('--resume <run-id>', 'continue an interrupted run from the experiment store with its stored options and the budget it has left')
    .option('--workers <n>', 'worker threads fitting the folds of each trial in parallel (default: one per core; 1 = in this process)', positiveInt('--workers'))
    .option('--redis <url>', 'fit folds on `autopipe worker` processes through this Redis (redis://[user:password@]host:6379); ' +
      'every worker must be able to read <source> (same path or URL); a worker that dies has its folds retried elsewhere')
    .option('--no-progress', 'do not show search progress')
    .option('--json', 'print the result as JSON')
    .option('-q, --quiet', 'print only the result')
    .option('-v, --verbose', 'print debug lines')
    .action((sourceArg: string | undefined, flags: TrainFlags, cmd: Command) => run(async () => {
      const plan = await planRun(sourceArg, flags, cmd, (s) => `models/${defaultModelName(s)}`);
      const { flags: f, source } = plan;
      let executor: FoldExecutor | undefined;
      try {
        const out = f.out ?? `models/${defaultModelName(source)}`;
        let metricKey = f.metric ?? '';
        const view = new ProgressView(f.timeBudget, () => metricKey, f.progress && !f.quiet && !f.json);
        const { container, logger } = openRuntime(f, () => view.stepAside());
        const registry = container.resolve(Registry);
        const ctx = { seed: f.seed, logger };
        if (f.redis && f.workers !== undefined) throw inputError('INVALID_ARGUMENT', '--workers and --redis do not combine: with --redis, folds run on `autopipe worker` processes (give those --concurrency).');
        const workers = f.workers ?? defaultWorkers();
        // Loaded only with --redis: BullMQ and ioredis are a seventh of the CLI's start-up.
        const remote = f.redis ? await (await import('../redis-executor.js')).RedisExecutor.connect({ url: f.redis, parallelism: f.folds ?? 5, logger }) : undefined;
        executor = remote ?? (workers > 1 ? new WorkerPoolExecutor(workers, logger) : undefined);
        const data = await dataOptions(f);
        const frame = await readLabelledSource(registry, source, { format: f.format, query: f.query, missing: data.missing, types: data.types }, f.target, ctx);
        // Remote workers must read exactly this frame: a true/false target kept as categorical labels is a type they apply too.
        const types = frame.has(f.target!) && frame.typeOf(f.target!) === 'categorical' && data.types?.[f.target!] === undefined ? { ...data.types, [f.target!]: 'categorical' as const } : data.types;
        remote?.forRun({
          source, format: f.format, query: f.query, missing: data.missing, types, target: f.target!, task: f.task, ignore: data.ignore,
          folds: f.folds, holdout: f.holdout, seed: f.seed, rows: frame.nrow,
        });
        logger.info(`read ${redactSource(source)}: ${frame.nrow} rows × ${frame.ncol} columns`);
        const session = await beginRun(plan, { frame, logger, timeBudget: f.timeBudget, out });
        const result = await container.resolve(Trainer).train({
          frame, target: f.target!, task: f.task, metric: f.metric, timeBudget: session?.timeBudget ?? f.timeBudget, seed: f.seed, folds: f.folds,
          holdout: f.holdout, maxTrials: f.maxTrials, earlyStoppingRounds: f.earlyStoppingRounds, trialTimeout: f.trialTimeout, ensemble: f.ensemble, estimators: f.estimators, searcher: f.searcher, ignore: data.ignore,
          onProgress: (p) => { metricKey = p.metric; view.update(p); session?.progress(p); }, observer: session?.recorder, replay: session?.replay, executor,
        }).catch(async (e: unknown) => { await session?.fail(e); throw e; }).finally(() => view.stop());
        metricKey = result.metric.key;
        const manifest = saveTrainResult(out, result, { source, timeBudget: f.timeBudget, plugins: container.resolve(PluginHost).plugins() });
        await session?.finish(result, out);
        if (f.json) {
          printJson({
            model: out, task: result.data.task, target: result.data.target, metric: result.metric.key, evaluation: result.evaluation,
            best: result.leaderboard[0], leaderboard: result.leaderboard, failures: result.failures, dropped: result.data.dropped,
            stoppedBecause: result.stoppedBecause, seconds: result.seconds, seed: f.seed, warnings: logger.warnings,
            ...(session ? { run: session.summary(result) } : {}),
          });
          return;
        }
        const best = result.leaderboard[0];
        process.stdout.write(`${leaderboardTable(result.leaderboard, result.metric.key, 10)}\n\n`);
        const what = !best.members ? `trial ${best.trial} ${best.estimator}`
          : best.estimator === 'stacking' ? `stacking of trials ${best.members.map((m) => `#${m.trial} ${m.estimator}`).join(', ')} (linear meta-learner)`
            : `ensemble of trials ${best.members.map((m) => `#${m.trial} ${m.estimator} (${m.weight.toFixed(2)})`).join(', ')}`;
        process.stdout.write(`best: ${what}, ${result.metric.key} ${fmtScore(best.score)}${best.members ? '' : ` ± ${fmtScore(best.std)}`} ` +
          `(${evaluationLabel(result.evaluation)})\n`);
        process.stdout.write(`${result.leaderboard.filter((r) => !r.members).length + result.failures.length} trials in ${result.seconds.search.toFixed(1)}s (stopped: ${result.stoppedBecause}), ` +
          `refit ${result.seconds.refit.toFixed(1)}s, total ${result.seconds.total.toFixed(1)}s\n`);
        process.stdout.write(`saved ${out} (format ${manifest.formatVersion}, autopipe ${manifest.autopipeVersion})\n`);
        if (session) process.stdout.write(`run ${session.id} recorded in ${session.location}\n`);
      } finally {
        await executor?.close();
        await plan.store?.close();
      }
    }));
}
