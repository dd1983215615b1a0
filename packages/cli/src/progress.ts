import type { Io } from "./io.js";

/**
 * Progress on stderr, only when stderr... is a terminal: `compiling`, `loading data`,
 * `evaluating`, each with its elapsed time. Nothing is written when output is piped.
 */
export class Progress {
  private started = Date.now();
  private current: string | undefined;
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
