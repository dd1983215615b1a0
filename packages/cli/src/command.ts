import type { Io } from "./io.js";

/** One `carrot <name>` subcommand. `run` returns the process exit code and never calls process.exit. */
export interface Command {
  name: string;
  /** One line for `carrot --help`. */
  summary: string;
  /** The full usage text for `carrot <name> --help`. */
  usage: string;
  run(argv: string[], io: Io): Promise<number>;
}
