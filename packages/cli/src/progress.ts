import type { Io } from "./io.js";

/**
 * Progress on stderr, only when stdout and stderr are terminals: the phases (`compiling`,
 * `loading data` with a bar over the bytes read, `evaluating`), each with its elapsed time.
 * Nothing is written when output is piped or redirected.
 */
export class Progress {
  private started = Date.now();
  private current: string | undefined;
  private lastDrawn = 0;
  private readonly active: boolean;

  constructor(private readonly io: Io) {
    this.active = io.isTTY && Boolean((io.stderr as { isTTY?: boolean }).isTTY);
  }

  phase(name: string): void {
    if (!this.active) return;
    this.finishPhase();
    this.current = name;
    this.started = Date.now();
    this.io.stderr.write(`\r\x1b[2K[carrot] ${name}…`);
  }

  /** Redraws the current phase as a bar; at most every 100 ms, and always at the end. */
  bar(done: number, total: number): void {
    if (!this.active || !this.current || total <= 0) return;
    const now = Date.now();
    if (now - this.lastDrawn < 100 && done < total) return;
    this.lastDrawn = now;
    this.io.stderr.write(`\r\x1b[2K[carrot] ${this.current} ${renderBar(done, total)}`);
  }

  done(): void {
    if (!this.active) return;
    this.finishPhase();
    this.io.stderr.write("\r\x1b[2K");
    this.current = undefined;
  }

  private finishPhase(): void {
    if (this.current) this.io.stderr.write(`\r\x1b[2K[carrot] ${this.current} (${Date.now() - this.started} ms)\n`);
  }
}

const WIDTH = 30;

/** `[██████░░░░…] 42% 12.3/29.0 MB`. */
export function renderBar(done: number, total: number): string {
  const ratio = Math.min(1, Math.max(0, done / total));
  const filled = Math.round(ratio * WIDTH);
  const mb = (n: number) => (n / 1e6).toFixed(1);
  return `[${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}] ${Math.floor(ratio * 100)}% ${mb(done)}/${mb(total)} MB`;
}
