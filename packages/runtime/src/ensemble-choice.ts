import { metricLoss, type Logger, type MetricDefinition, type Target, type Task } from '@autopipe/core';
import { blendPredictions, caruanaSelection, trimSelection, type OofRecord } from './ensemble.js';
import type { LeaderboardRow } from './leaderboard.js';
import type { FittedPipeline } from './pipeline.js';
import type { EnsembleMember, FittedPredictor } from './predictor.js';
import type { Registry } from './registry.js';
import { safeScore } from './scoring.js';
import { META_LEARNER, stackingSelection } from './stacking.js';
import { fitTemperature } from './temperature.js';

/** Library members whose refit time is reserved during search, so an ensemble can still be refitted. */
export const ENSEMBLE_RESERVE = 4;
/** How far past the budget the final refit may run (the budget is honoured "within a few seconds"). */
const GRACE_MS = 1000;

/** The leaderboard row of a trial that is known to have one. */
export function rowOf<T extends { trial: number }>(rows: readonly T[], trial: number): T {
  return rows.find((r) => r.trial === trial)!;
}

/** A leaderboard row for an ensemble: numbered after the trials, with its members. */
function ensembleRow(trial: number, kind: 'ensemble' | 'stacking', score: number, sel: readonly { trial: number; weight: number }[], rows: readonly Omit<LeaderboardRow, 'rank'>[], seconds: number, temperature?: number): Omit<LeaderboardRow, 'rank'> {
  const members = sel.map((m) => ({ trial: m.trial, weight: m.weight, estimator: rowOf(rows, m.trial).estimator }));
  const list = members.map((m) => (kind === 'stacking' ? `${m.estimator}#${m.trial}` : `${m.estimator}#${m.trial}×${m.weight.toFixed(3)}`)).join(' ');
  return {
    trial, estimator: kind, params: { method: kind === 'stacking' ? 'stacking (linear meta-learner)' : 'caruana', members: list, ...(temperature !== undefined ? { temperature: +temperature.toPrecision(4) } : {}) },
    score, std: NaN, foldScores: [], seconds, steps: [], members,
  };
}

/**
 * Builds the ensemble candidates from the kept out-of-fold predictions — greedy selection (Caruana) and stacking
 * with a regularized linear meta-learner — puts them on the leaderboard, and refits the members of the best one if
 * it beats the best single model and its members can be refitted within the budget. Returns null to keep the single.
 */
export async function chooseEnsemble(registry: Registry, logger: Logger, a: {
  library: readonly OofRecord[]; rows: Omit<LeaderboardRow, 'rank'>[]; best: { row: Omit<LeaderboardRow, 'rank'>; loss: number };
  bestSingle: FittedPipeline; scoredY: Target; metric: MetricDefinition; deadline: number; seed: number; tSearch: number; task: Task;
  refit: (r: Omit<LeaderboardRow, 'rank'>) => Promise<FittedPipeline>; refitCost: (r: Omit<LeaderboardRow, 'rank'>) => number;
}): Promise<FittedPredictor | null> {
  const { library, rows, best, metric } = a;
  const costOf = (trials: readonly number[]) => trials.reduce((s, t) => s + (t === best.row.trial ? 0 : a.refitCost(rowOf(rows, t))), 0);
  const affordable = (trials: readonly number[]) => Date.now() + costOf(trials) * 1000 * 1.2 < a.deadline + GRACE_MS;
  const nextTrial = rows.reduce((m, r) => Math.max(m, r.trial), 0) + 1;
  type Option = { loss: number; members: { trial: number; weight: number }[]; make: (members: EnsembleMember[]) => FittedPredictor };
  const options: Option[] = [];

  // Greedy selection from the whole library. Its rounds stop in time to refit a few members (what the search
  // reserved); members whose refits would still overrun the budget are dropped, lightest first. Re-running the
  // selection on fewer trials instead would find no time left once a first selection had used it all.
  const selectionEnd = a.deadline + GRACE_MS - 1.2 * 1000 * costOf(library.slice(0, ENSEMBLE_RESERVE).map((r) => r.trial));
  const sel = caruanaSelection(library, a.scoredY, metric, 25, selectionEnd);
  const greedy = trimSelection(sel.members, affordable, best.row.trial);
  if (greedy) {
    // Averaging probabilities of models that disagree softens them; a temperature fitted on the blend's out-of-fold
    // prediction restores the sharpness a probability metric (log loss) rewards. Labels and ranks do not change.
    const blend = blendPredictions(greedy.map((m) => library.find((r) => r.trial === m.trial)!.prediction), greedy.map((m) => m.weight));
    const tempered = blend.kind === 'classification' ? fitTemperature(blend, a.scoredY, metric) : undefined;
    const score = tempered?.score ?? (greedy.length === sel.members.length ? sel.score : safeScore(metric, a.scoredY, blend));
    const temperature = tempered?.temperature;
    rows.push(ensembleRow(nextTrial, 'ensemble', score, greedy, rows, (Date.now() - a.tSearch) / 1000, temperature));
    options.push({ loss: metricLoss(metric, score), members: greedy, make: (fitted) => ({ kind: 'ensemble', method: 'caruana', members: fitted, ...(temperature !== undefined ? { temperature } : {}) }) });
  } else if (sel.members.length >= 2) {
    logger.debug(`no greedy ensemble: refitting its members would overrun the budget`);
  }
  const metaKey = a.task === 'regression' ? META_LEARNER.regression : META_LEARNER.classification;
  const meta = registry.estimators(a.task).find((e) => e.key === metaKey);
  if (meta && Date.now() < a.deadline) {
    for (const size of [5, 3]) {
      const stack = await stackingSelection(library, a.scoredY, metric, meta, a.seed, size);
      if (!stack) break;
      if (!affordable(stack.members)) continue;
      const members = stack.members.map((trial) => ({ trial, weight: 1 / stack.members.length }));
      rows.push(ensembleRow(nextTrial + 1, 'stacking', stack.score, members, rows, (Date.now() - a.tSearch) / 1000));
      options.push({ loss: metricLoss(metric, stack.score), members, make: (m) => ({ kind: 'ensemble', method: 'stacking', members: m, meta: stack.meta }) });
      break;
    }
  }
  const pick = options.filter((o) => best.loss - o.loss > 1e-9).sort((x, y) => x.loss - y.loss)[0];
  if (!pick) return null;
  const members: EnsembleMember[] = [];
  for (const m of pick.members) {
    members.push({ trial: m.trial, weight: m.weight, pipeline: m.trial === best.row.trial ? a.bestSingle : await a.refit(rowOf(rows, m.trial)) });
  }
  const chosen = pick.make(members);
  logger.info(`${chosen.kind === 'ensemble' ? `${chosen.method} ` : ''}ensemble of ${members.length} trials beats the best single model (${metric.key} ${(metric.direction === 'max' ? -pick.loss : pick.loss).toPrecision(5)} vs ${best.row.score.toPrecision(5)})`);
  return chosen;
}
