import { format } from "prettier-plugin-carrot";
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs, UsageError } from "../args.js";
import type { Command } from "../command.js";
import { collectCarrotFiles, displayPath } from "../files.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "../io.js";
import { formatDiagnostic } from "@carrot/compiler";

const usage = `usage: carrot fmt [--check | --write] <file or folder>...

Formats plans in the one canonical style (the same as the prettier plugin). Without a flag, prints the
formatted text of a single file. --check lists the files that are not formatted and exits 1 if any;
--write rewrites them in place. A file with syntax errors is never touched: its errors are printed.`;

export const fmtCommand: Command = {
  name: "fmt",
  summary: "format plans canonically",
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, { flags: ["check", "write"] });
    const check = args.flags.has("check");
    const write = args.flags.has("write");
    if (check && write) throw new UsageError("give --check or --write, not both");
    if (args.positionals.length === 0) throw new UsageError("give at least one file or folder");
    let files: string[];
    try {
      files = collectCarrotFiles(args.positionals, io.cwd);
    } catch (error) {
      io.stderr.write(`carrot fmt: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    if (!check && !write && files.length !== 1) throw new UsageError("without --check or --write, give exactly one file");
    let unformatted = 0;
    let broken = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const result = format(text, { uri: file });
      const shown = displayPath(file, io.cwd);
      if (!result.ok) {
        broken++;
        for (const d of result.diagnostics) io.stderr.write(formatDiagnostic(d, text, shown) + "\n");
        continue;
      }
      if (!check && !write) {
        io.stdout.write(result.text);
      } else if (result.text !== text) {
        unformatted++;
        if (write) {
          writeFileSync(file, result.text);
          io.stdout.write(`formatted ${shown}\n`);
        } else {
          io.stdout.write(`${shown}\n`);
        }
      }
    }
    if (check && unformatted > 0) io.stderr.write(`${unformatted} file${unformatted === 1 ? " is" : "s are"} not formatted\n`);
    return broken > 0 || (check && unformatted > 0) ? EXIT_FAILURE : EXIT_OK;
  },
};
