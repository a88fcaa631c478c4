import { TOKENS, deriveSeed, inputError, resolveParams, type Frame, type Logger, type Params, type Task } from '@autopipe/core';
import { inject, injectable } from 'tsyringe';
import { prepareTraining, withoutColumns } from './dataset.js';
import { evaluateCandidate, PrepCache } from './evaluation.js';
import { kFold } from './folds.js';
import { rankRows } from './leaderboard.js';
import { fitPipeline } from './pipeline.js';
import { planPreprocessing, unplannable } from './planner.js';
import { Registry } from './registry.js';
import { DEFAULT_METRIC, type TrainResult } from './trainer.js';

export interface FitOptions {
  readonly frame: Frame;
  readonly target: string;
  readonly estimator: string;
  readonly params?: Params;
  readonly task?: Task;
  readonly metric?: string;
  /** Cross-validation folds to score the configuration; none when absent. */
  readonly cv?: number;
  readonly seed: number;
  readonly ignore?: readonly string[];
}

/**
 * `model.fit()` for one configuration: the automatic preprocessing plan and exactly the given estimator and
 * hyperparameters, no search. With `cv`, the configuration is also scored by k-fold CV before the final fit.
 */
@injectable()
export class SingleFit {
  constructor(
    @inject(Registry) private readonly registry: Registry,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async fit(o: FitOptions): Promise<TrainResult> {
    const t0 = Date.now();
    const def = this.registry.estimator(o.estimator);
    const params = resolveParams(`Estimator "${def.key}"`, def.defaults, o.params ?? {});
    const available = new Set(this.registry.all<{ key: string }>('transformer').map((t) => t.key));
    const prepared = prepareTraining(o.frame, o.target, { task: o.task, ignore: o.ignore, logger: this.logger });
    const data = withoutColumns(prepared, unplannable(prepared.features, available));
    for (const d of data.dropped) this.logger.info(`dropping column "${d.column}": ${d.reason}`);
    if (!def.tasks.includes(data.task)) {
      throw inputError('UNSUPPORTED_TASK', `Estimator "${def.key}" does not support ${data.task} tasks (it supports ${def.tasks.join(', ')}).`, { estimator: def.key });
    }
    const metric = this.registry.metric(o.metric ?? DEFAULT_METRIC[data.task]);
    let score = NaN;
    let std = NaN;
    let foldScores: number[] = [];
    if (o.cv !== undefined) {
      const splits = kFold(data.y, o.cv, deriveSeed(o.seed, 'split'));
      const res = await evaluateCandidate({
        def, candidate: { estimator: def.key, params }, data, splits, prep: new PrepCache(this.registry, data, splits, o.seed),
        metric, trial: 1, seed: o.seed, stopAt: Infinity, logger: this.logger, available,
      });
      if (res !== 'timeout') ({ score, std, foldScores } = res);
    }
    const tFit = Date.now();
    const steps = planPreprocessing(data.features, def, available, data.frame.nrow);
    const best = await fitPipeline(this.registry, { steps, estimator: { key: def.key, params } }, data.frame, data.y, { seed: deriveSeed(o.seed, 1, 'refit'), logger: this.logger });
    const tEnd = Date.now();
    const row = { trial: 1, estimator: def.key, params, score, std, foldScores, seconds: (tEnd - tFit) / 1000, steps };
    return {
      data, metric, final: { kind: 'pipeline', trial: 1, pipeline: best }, bestSingle: best, seed: o.seed, failures: [], stoppedBecause: 'single fit',
      evaluation: o.cv !== undefined ? { method: 'cv', folds: o.cv } : { method: 'none' },
      leaderboard: rankRows([row], metric.direction),
      seconds: { search: (tFit - t0) / 1000, refit: (tEnd - tFit) / 1000, total: (tEnd - t0) / 1000 },
    };
  }
}
