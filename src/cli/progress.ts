/**
 * Progress of a long command on stderr: on a terminal, one bar redrawn in
 * place with the rate and the time left; otherwise (a log file, CI) a plain
 * line every few seconds, so a log shows how far it got without carriage
 * returns. Standard output is left to the command's results.
 */
import type { BatchProgress } from "../jobs/batch.ts";

export interface ProgressOptions {
  /** Draw a bar in place (stderr is a terminal). */
  tty: boolean;
  /** Seconds between plain lines when not a terminal. Default 10. */
  everySeconds?: number;
  write: (s: string) => void;
  /** Terminal width for the bar. */
  columns?: number;
}

/** 95 秒 → 1 分 35 秒. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "—";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} 秒`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} 分 ${s % 60} 秒`;
  return `${Math.floor(m / 60)} 小时 ${m % 60} 分`;
}

/** Rate over the last RATE_WINDOW_MS: the pace now, not the average since a fast start of skips. */
const RATE_WINDOW_MS = 30_000;

export class ProgressDisplay {
  readonly #opts: ProgressOptions;
  #latest: BatchProgress | undefined;
  #samples: { at: number; done: number }[] = [];
  #timer: NodeJS.Timeout | undefined;
  #drawn = false;
  #ended = false;

  constructor(opts: ProgressOptions) {
    this.#opts = opts;
  }

  start(): void {
    const every = this.#opts.tty ? 250 : (this.#opts.everySeconds ?? 10) * 1000;
    this.#timer = setInterval(() => this.#draw(), every);
    // The display never keeps the command running.
    this.#timer.unref();
  }

  update(p: BatchProgress): void {
    this.#latest = p;
    const now = Date.now();
    this.#samples.push({ at: now, done: p.done });
    while (this.#samples.length > 2 && (this.#samples[0]?.at ?? now) < now - RATE_WINDOW_MS)
      this.#samples.shift();
  }

  /** Documents per second over the recent window. */
  rate(): number {
    const first = this.#samples[0];
    const last = this.#samples[this.#samples.length - 1];
    if (!first || !last || last.at === first.at) {
      const p = this.#latest;
      return p && p.elapsedMs > 0 ? p.done / (p.elapsedMs / 1000) : 0;
    }
    return (last.done - first.done) / ((last.at - first.at) / 1000);
  }

  /** The status as one line (what the bar and the plain lines both show). */
  line(p: BatchProgress): string {
    const rate = this.rate();
    const left = p.total - p.done;
    const percent = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100;
    const parts = [
      `${p.done}/${p.total}（${percent}%）`,
      `${rate.toFixed(1)} 份/秒`,
      left > 0
        ? `剩余约 ${rate > 0 ? duration(left / rate) : "—"}`
        : `用时 ${duration(p.elapsedMs / 1000)}`,
    ];
    if (p.skipped > 0) parts.push(`跳过 ${p.skipped}`);
    if (p.failed > 0) parts.push(`出错 ${p.failed}`);
    return parts.join(" · ");
  }

  #bar(p: BatchProgress): string {
    const width = Math.max(10, Math.min(30, (this.#opts.columns ?? 80) - 60));
    const filled = p.total > 0 ? Math.round((p.done / p.total) * width) : width;
    return `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
  }

  #draw(): void {
    const p = this.#latest;
    if (!p) return;
    if (this.#opts.tty) {
      this.#opts.write(`\r\x1b[K${this.#bar(p)} ${this.line(p)}`);
      this.#drawn = true;
    } else this.#opts.write(`进度：${this.line(p)}\n`);
  }

  /** Stop drawing; the bar's line is ended, the last state written once more. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    clearInterval(this.#timer);
    this.#draw();
    if (this.#opts.tty && this.#drawn) this.#opts.write("\n");
  }
}
