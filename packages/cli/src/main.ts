import { UsageError } from "./args.js";
import type { Command } from "./command.js";
import { EXIT_USAGE, type Io } from "./io.js";
import { COMMANDS } from "./commands/index.js";
import { VERSION } from "./version.js";

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `carrot ${VERSION}: sales incentive plans as code`,
    "",
    "usage: carrot <command> [options]",
    "",
    "commands:",
    ...lines,
    "",
    "Run `carrot <command> --help` for a command's options.",
    "",
  ].join("\n");
}

/** The CLI: returns the exit code; all output goes through `io`. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(overview());
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`carrot: unknown command '${name}'\n\n${overview()}`);
    return EXIT_USAGE;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(command.usage.endsWith("\n") ? command.usage : command.usage + "\n");
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`carrot ${name}: ${error.message}\n\n${command.usage}\n`);
      return EXIT_USAGE;
    }
    // A bug of ours, not of the user's input: say so plainly, with the stack for the report.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`carrot ${name}: internal error (please report it)\n${detail}\n`);
    return 70;
  }
}
