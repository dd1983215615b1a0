/** What a command may touch of the outside world; tests pass their own. */
export interface Io {
  cwd: string;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** True when stdout is a terminal (progress bars and colours only then). */
  isTTY: boolean;
}

export const EXIT_OK = 0;
/** Diagnostics with errors, failing tests, a verification that does not match. */
export const EXIT_FAILURE = 1;
/** Bad usage or an unreadable input. */
export const EXIT_USAGE = 2;
