/** A one-line progress bar on a terminal stream; does nothing when the stream is not a TTY. */
export class ProgressBar {
  private done = 0;
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: { write(text: string): unknown; isTTY?: boolean; columns?: number },
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  /** Counts finished files and redraws at most every 50 ms. */
  tick(count = 1): void {
    this.done += count;
    if (!this.enabled || !this.stream.isTTY) return;
    const now = Date.now();
    if (now - this.lastDraw < 50 && this.done < this.total) return;
    this.lastDraw = now;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 30));
    const ratio = this.total === 0 ? 1 : this.done / this.total;
    const filled = Math.round(ratio * width);
    this.stream.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} files`,
    );
    this.drawn = true;
  }

  /** Clears the bar line. */
  finish(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
