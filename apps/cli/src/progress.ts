import cliProgress from 'cli-progress';
import type { TrainProgress } from '@autopipe/runtime';
import { fmtScore } from './format.js';

/** Shows search progress: a live bar on a terminal, one plain line per trial otherwise (logs, CI). */
export class ProgressView {
  private bar: cliProgress.SingleBar | null = null;
  private lastLine = 0;
  private lastBest: number | null = null;

  constructor(private readonly budget: number, private readonly metric: () => string, private readonly enabled: boolean) {}

  /** Clears the bar line so a log line can be printed cleanly; the next update redraws it. */
  stepAside(): void {
    if (this.bar) process.stderr.write('\r\x1b[2K');
  }

  update(p: TrainProgress): void {
    if (!this.enabled) return;
    const best = p.bestScore === null ? 'n/a' : `${fmtScore(p.bestScore)} (${p.bestEstimator})`;
    if (process.stderr.isTTY) {
      if (!this.bar) {
        this.bar = new cliProgress.SingleBar({
          stream: process.stderr,
          format: `search [{bar}] {trials} trials | best ${this.metric()} {best} | {left}s left`,
          hideCursor: true, clearOnComplete: true,
        }, cliProgress.Presets.shades_classic);
        this.bar.start(this.budget, 0, { trials: 0, best: 'n/a', left: this.budget.toFixed(0) });
      }
      this.bar.update(Math.min(this.budget, p.elapsed), { trials: p.trialsDone, best, left: p.remaining.toFixed(0) });
      return;
    }
    // Plain output is for logs: a line when the best score improves, otherwise at most one every 2 seconds.
    const improved = p.bestScore !== this.lastBest;
    if (!improved && p.elapsed - this.lastLine < 2) return;
    this.lastLine = p.elapsed;
    this.lastBest = p.bestScore;
    const last = p.last ? `${p.last.estimator} ${p.last.error ? 'failed' : `${this.metric()}=${fmtScore(p.last.score ?? NaN)}`}` : '';
    process.stderr.write(`trial ${p.trialsDone}: ${last} | best ${best} | ${p.remaining.toFixed(1)}s left\n`);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
