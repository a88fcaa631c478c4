/** What the search knows about one estimator's progress, in seconds of trial time spent on it. */
export class ArmStats {
  trials = 0;
  failures = 0;
  spent = 0;
  best = Infinity;
  bestSeconds = 0;
  spentAtBest = 0;
  prevBest = Infinity;
  spentAtPrevBest = 0;

  record(loss: number | null, seconds: number): void {
    this.trials++;
    this.spent += seconds;
    if (loss === null || !Number.isFinite(loss)) {
      this.failures++;
      return;
    }
    if (loss < this.best) {
      this.prevBest = this.best;
      this.spentAtPrevBest = this.spentAtBest;
      this.best = loss;
      this.bestSeconds = seconds;
      this.spentAtBest = this.spent;
    }
  }
}

/** Trials are never free: a floor so zero-second results (tests, cached fits) do not divide by zero. */
const MIN_SECONDS = 1e-6;

/** Mean seconds per told trial (the floor when none is told yet). */
export function meanSeconds(s: ArmStats): number {
  return s.trials > 0 ? Math.max(MIN_SECONDS, s.spent / s.trials) : MIN_SECONDS;
}

/** How much a behind estimator with no known improvement speed is slowed per unit of its gap relative to the spread. */
const GAP_WEIGHT = 10;

/**
 * Estimated cost for improvement (FLAML's ECI): the seconds this estimator likely needs to beat its own best —
 * the time since its last improvement or twice the cost of its best trial, whichever is larger — and, when it is
 * behind the leader, twice the time to close the gap at its improvement speed. As in FLAML, that speed is its last
 * gain over all the time spent since the best before it, so it decays while the estimator stops improving: one
 * lucky early step must not keep an expensive, behind family drawn (bank marketing, 60 s: extra trees and random
 * forest took 55 s of trial time, the leading gbm 7 s). With no speed known yet (one success),
 * twice its own estimate grown by its gap as a share of `spread` (the largest gap of any estimator to the leader):
 * otherwise a dozen cheap, hopeless families — each "only 0.05 s per trial" — together outdraw the leader and take
 * most of the trials. Estimators that only failed get their spend times their failure count.
 */
export function eci(s: ArmStats, globalBest: number, spread = 0): number {
  if (!Number.isFinite(s.best)) return Math.max(MIN_SECONDS, s.spent, meanSeconds(s)) * (1 + s.failures);
  const own = Math.max(MIN_SECONDS, s.spent - s.spentAtBest, 2 * s.bestSeconds);
  if (!(s.best > globalBest)) return own;
  const gap = s.best - globalBest;
  const dt = s.spent - s.spentAtPrevBest;
  if (!Number.isFinite(s.prevBest) || !(dt > 0)) return 2 * own * (spread > 0 ? 1 + (GAP_WEIGHT * gap) / spread : 1);
  const speed = (s.prevBest - s.best) / dt;
  return Math.max(own, (2 * gap) / speed);
}
