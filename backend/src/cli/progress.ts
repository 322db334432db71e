/** A progress line on stderr for long work; silent when stderr is not a terminal unless forced. */
export class Progress {
  private lastDraw = 0;
  private readonly enabled: boolean;
  constructor(private readonly label: string, private readonly total: number | null, opts: { enabled?: boolean } = {}) {
    this.enabled = opts.enabled ?? Boolean(process.stderr.isTTY);
  }
  /** Report `done` units (bytes, records, buckets) of `total`. Draws at most 10 times a second. */
  update(done: number, extra = ''): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    let line = `${this.label} `;
    if (this.total && this.total > 0) {
      const frac = Math.min(1, done / this.total);
      const width = 30;
      const filled = Math.round(frac * width);
      line += `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(1)}%`;
    } else {
      line += `${done}`;
    }
    if (extra) line += ` ${extra}`;
    process.stderr.write(`\r${line}\x1b[K`);
  }
  done(message = ''): void {
    if (!this.enabled) return;
    process.stderr.write(`\r${this.label} ${message}\x1b[K\n`);
  }
}
