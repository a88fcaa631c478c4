import cliProgress from 'cli-progress';

/** Seconds between plain progress lines when stderr is not a terminal. */
const PLAIN_EVERY = 5;

/**
 * Shows batch scoring progress on stderr: on a terminal a bar with rows done, rows/s and (when known) the total
 * and time left; otherwise (logs, CI) a plain line at most every few seconds. `total` may be an estimate.
 */
export class BatchProgress {
  private bar: cliProgress.SingleBar | cliProgress.GenericBar | null = null;
  private readonly started = performance.now();
  private lastLine = 0;
  rows = 0;

  constructor(private readonly enabled: boolean, private readonly total: { readonly rows: number; readonly exact: boolean } | null) {}

  /** Clears the bar line so a log line can be printed cleanly; the next update redraws it. */
  stepAside(): void {
    if (this.bar) process.stderr.write('\r\x1b[2K');
  }

  get seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  get rate(): number {
    return this.rows / Math.max(this.seconds, 1e-3);
  }

  add(rows: number): void {
    this.rows += rows;
    if (!this.enabled) return;
    const rate = Math.round(this.rate);
    if (process.stderr.isTTY) {
      if (!this.bar) {
        const total = this.total ? `${this.total.exact ? '' : '~'}{total}` : '?';
        this.bar = new cliProgress.SingleBar({
          stream: process.stderr,
          format: this.total ? `predict [{bar}] {value}/${total} rows | {rate} rows/s | {eta}s left` : 'predict {value} rows | {rate} rows/s',
          hideCursor: true, clearOnComplete: true, etaBuffer: 20,
        }, cliProgress.Presets.shades_classic);
        this.bar.start(this.total?.rows ?? 0, 0, { rate });
      }
      // An estimated total can be passed; keep the bar meaningful rather than overflowing.
      if (this.total && this.rows > this.bar.getTotal()) this.bar.setTotal(this.rows);
      this.bar.update(this.rows, { rate });
      return;
    }
    const now = this.seconds;
    if (now - this.lastLine < PLAIN_EVERY) return;
    this.lastLine = now;
    const of = this.total ? ` of ${this.total.exact ? '' : '~'}${this.total.rows}` : '';
    process.stderr.write(`predict: ${this.rows}${of} rows, ${rate} rows/s\n`);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
