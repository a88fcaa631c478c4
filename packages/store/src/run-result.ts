import type { TrainResult } from '@autopipe/runtime';
import type { ChosenModel, RunResult } from './types.js';

/** What a finished run keeps: its leaderboard, failures, the model it saved and where. */
export function runResult(r: TrainResult, artifact: string | null): RunResult {
  const f = r.final;
  let chosen: ChosenModel;
  if (f.kind === 'pipeline') {
    const row = r.leaderboard.find((x) => x.trial === f.trial && !x.members)!;
    chosen = { kind: 'pipeline', estimator: row.estimator, trial: f.trial, score: row.score };
  } else {
    const estimator = f.method === 'stacking' ? 'stacking' : 'ensemble';
    const row = r.leaderboard.find((x) => x.estimator === estimator && x.members) ?? r.leaderboard[0];
    chosen = { kind: 'ensemble', estimator, method: f.method, trial: row.trial, score: row.score, members: f.members.map((m) => m.trial) };
  }
  return { leaderboard: r.leaderboard, failures: r.failures, chosen, artifact, stoppedBecause: r.stoppedBecause, seconds: r.seconds };
}
