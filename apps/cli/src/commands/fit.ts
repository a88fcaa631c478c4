import type { Command } from 'commander';
import { parseParamString, type ColumnType, type Task } from '@autopipe/core';
import { PluginHost, Registry, SingleFit, readLabelledSource, saveTrainResult } from '@autopipe/runtime';
import { evaluationLabel, fmtScore } from '../format.js';
import { dataOptions } from '../data-options.js';
import { defaultModelName, openRuntime, printJson, type GlobalOptions } from '../runtime.js';
import { list, nonNegativeInt, positiveInt, task, types } from './options.js';

interface FitFlags extends GlobalOptions {
  target: string; estimator: string; params?: string; cv?: number; seed: number; out?: string; metric?: string;
  task?: Task; ignore?: string[]; types?: Record<string, ColumnType>; missing?: string[]; format?: string; query?: string;
}

export function registerFit(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('fit')
    .description('train exactly one estimator with the given hyperparameters (automatic preprocessing, no search)')
    .argument('<source>', 'training data (CSV/TSV file)')
    .requiredOption('-t, --target <column>', 'the column to predict')
    .requiredOption('-e, --estimator <key>', 'estimator key (see "autopipe estimators")')
    .option('-p, --params <name=value,...>', 'hyperparameters; the rest keep their defaults')
    .option('--cv <k>', 'also score the configuration with k-fold cross-validation', positiveInt('--cv'))
    .option('-s, --seed <n>', 'seed for every random choice', nonNegativeInt, 1)
    .option('-o, --out <dir>', 'model directory to write (default: models/<data file name>-<estimator>)')
    .option('-m, --metric <key>', 'metric for --cv (default: auc / log_loss / rmse by task)')
    .option('--task <task>', 'override the inferred task', task)
    .option('--ignore <columns>', 'comma-separated columns to leave out', list)
    .option('--types <col=type,...>', 'override inferred column types', types)
    .option('--missing <markers>', 'comma-separated cell values read as missing', (v: string) => v.split(','))
    .option('--query <sql>', 'SQL query to read instead of a table (database sources)')
    .option('--format <key>', 'ingestor to read the source with (default: by extension)')
    .option('--json', 'print the result as JSON')
    .option('-q, --quiet', 'print only the result')
    .option('-v, --verbose', 'print debug lines')
    .action((source: string, f: FitFlags) => run(async () => {
      const out = f.out ?? `models/${defaultModelName(source)}-${f.estimator}`;
      const { container, logger } = openRuntime(f);
      const registry = container.resolve(Registry);
      const def = registry.estimator(f.estimator);
      const params = f.params ? parseParamString(`Estimator "${def.key}"`, def.defaults, f.params) : def.defaults;
      const data = await dataOptions(f);
      const frame = await readLabelledSource(registry, source, { format: f.format, query: f.query, missing: data.missing, types: data.types }, f.target, { seed: f.seed, logger });
      const result = await container.resolve(SingleFit).fit({
        frame, target: f.target, estimator: def.key, params, task: f.task, metric: f.metric, cv: f.cv, seed: f.seed, ignore: data.ignore,
      });
      saveTrainResult(out, result, { source, plugins: container.resolve(PluginHost).plugins() });
      const row = result.leaderboard[0];
      if (f.json) {
        printJson({ model: out, task: result.data.task, target: result.data.target, estimator: def.key, params: row.params, metric: result.metric.key,
          evaluation: result.evaluation, score: row.score, std: row.std, foldScores: row.foldScores, steps: row.steps, seconds: result.seconds, seed: f.seed, warnings: logger.warnings });
        return;
      }
      const scored = result.evaluation.method === 'none' ? 'not cross-validated (add --cv 5 to score it)' : `${result.metric.key} ${fmtScore(row.score)} ± ${fmtScore(row.std)} (${evaluationLabel(result.evaluation)})`;
      process.stdout.write(`fitted ${def.key} on ${result.data.frame.nrow} rows in ${result.seconds.refit.toFixed(2)}s; ${scored}\n`);
      process.stdout.write(`pipeline: ${row.steps.map((s) => s.transformer).join(' -> ') || '(no preprocessing)'} -> ${def.key}\n`);
      process.stdout.write(`saved ${out}\n`);
    }));
}
