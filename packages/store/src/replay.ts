import type { TrialRecord } from '@autopipe/runtime';
import type { StoredTrial } from './types.js';

/**
 * The `replay` map for `Trainer.train` from a run's stored trials. Finished (`ok`) and failed trials replay; timed-out
 * ones are evaluated again, because whether a trial beats a clock is not a property of the trial.
 */
export function replayMap(trials: readonly StoredTrial[]): Map<number, TrialRecord> {
  const map = new Map<number, TrialRecord>();
  for (const t of trials) {
    if (t.status === 'timeout') continue;
    if (t.status === 'ok' && !t.oof) continue;
    const { runId: _r, session: _s, recordedAt: _a, ...record } = t;
    map.set(t.trial, record);
  }
  return map;
}
